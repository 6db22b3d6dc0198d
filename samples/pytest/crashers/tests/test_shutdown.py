from app import worker


def test_failing_job_does_not_stop_worker():
    def broken():
        raise RuntimeError("smtp down")

    sent, failed = worker.run([lambda: "a", broken, lambda: "b"])
    assert sent == ["a", "b"]
    assert failed == ["RuntimeError('smtp down')"]


def test_ctrl_c_during_job_is_recorded():
    def interrupted():
        raise KeyboardInterrupt

    sent, failed = worker.run([interrupted, lambda: "c"])
    assert sent == ["c"]
