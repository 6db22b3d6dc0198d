def test_signup_creates_user(db):
    # Commits and never deletes: the row outlives the test, and the process.
    db.execute("INSERT OR IGNORE INTO users VALUES ('alice')")
    db.commit()
    assert db.execute("SELECT count(*) FROM users WHERE name = 'alice'").fetchone()[0] == 1


def test_signup_rejects_empty_name():
    assert "".strip() == ""
