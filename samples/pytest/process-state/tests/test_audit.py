import logging

from app import audit


def test_importing_nobody_imports_nothing():
    assert audit.import_users([]) == 0


def test_bulk_import_of_users():
    # Silences the per-user audit lines to keep the import fast, and never turns them back on.
    logging.getLogger("app.audit").setLevel(logging.ERROR)
    assert audit.import_users([f"user{number}" for number in range(1000)]) == 1000


def test_login_is_audited(caplog):
    caplog.set_level(logging.INFO)
    audit.record("ana", "logged in")
    assert caplog.messages == ["ana logged in"]
