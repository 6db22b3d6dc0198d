def test_report_counts_no_users_on_a_fresh_database(db):
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 0
