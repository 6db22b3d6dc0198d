from app.notes import count, save_note


def test_save_note_commits(db):
    # Commits: the note outlives the test, and the process.
    save_note(db, "buy tea")
    assert count(db) >= 1


def test_empty_body_is_refused(db):
    try:
        db.execute("INSERT INTO notes (body) VALUES (NULL)")
    except Exception as error:  # sqlite3.IntegrityError
        assert "NOT NULL" in str(error)
    else:
        raise AssertionError("a note without a body was saved")
    finally:
        db.rollback()
