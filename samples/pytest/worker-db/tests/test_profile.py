def test_profile_defaults():
    assert {"theme": "light"}["theme"] == "light"


def test_profile_lookup_without_user(db):
    assert db.execute("SELECT count(*) FROM users WHERE name = 'nobody'").fetchone()[0] == 0
