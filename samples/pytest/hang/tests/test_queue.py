from app import jobs


def test_enqueue_uses_normal_priority():
    assert jobs.enqueue("email") == ("email", 5)
