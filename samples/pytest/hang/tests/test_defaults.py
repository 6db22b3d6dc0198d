from app import jobs


def test_urgent_jobs_by_default():
    jobs.DEFAULT_PRIORITY = 1
    assert jobs.enqueue("reindex") == ("reindex", 1)


def test_explicit_priority():
    assert jobs.enqueue("backup", 9) == ("backup", 9)
