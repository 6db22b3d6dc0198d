from app import jobs


def test_drain_waits_for_worker():
    jobs.start_worker("polluter-sample-hang-worker")
    jobs.wait_for_empty_queue()
