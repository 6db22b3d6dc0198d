from app import lifecycle


def test_exit_code_is_distinct_from_usage_errors():
    assert lifecycle.EXIT_FATAL not in (0, 1, 2)


def test_fatal_logs_reason(caplog):
    with caplog.at_level("CRITICAL"):
        lifecycle.fatal("queue index corrupt")
    assert "queue index corrupt" in caplog.text
