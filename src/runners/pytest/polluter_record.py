"""polluter's recorder: writes the order in which each pytest process ran its tests, for `polluter find --from-record`.

    pytest -p polluter_record --polluter-record=DIR     (`polluter record -- pytest …` sets this up through the env)

One file per process that runs tests: `DIR/gw0.jsonl`, `DIR/gw1.jsonl`, … under pytest-xdist (written by each worker
itself), `DIR/main.jsonl` without it. One JSON line per test, in run order: {"nodeid", "worker", "outcome"}.

With --polluter-record-state (`polluter record --state`), each line also has "changes": what the test left changed in
its process, as [kind, name, before, after] rows (the fingerprints of polluter_state.py that every trial of a search
takes), `[]` when nothing. `find --from-record` tries the tests that left something changed first.

The line is written when the test *starts*, so the test that killed its process (os._exit, a segfault, an OOM kill, a
hang ended by the CI timeout) is still the last line of its worker's file, without an outcome. When the test finishes,
the outcome is written into the same line, in the padding left for it: every write is one unbuffered syscall, so what
is on disk is always complete JSON lines, whatever happens to the process.
"""

import json
import os
import re

import pytest

_OUTCOME_TEMPLATE = ',"outcome":"{}"}}'
_PAD = len(_OUTCOME_TEMPLATE.format("skipped"))  # the longest outcome
_RECORD_FILE = re.compile(r"^(main|gw\d+)\.jsonl$")


def pytest_addoption(parser):
    parser.getgroup("polluter").addoption(
        "--polluter-record",
        metavar="DIR",
        default=None,
        help="polluter: write the order each worker runs its tests in to DIR/<worker>.jsonl",
    )
    parser.getgroup("polluter").addoption(
        "--polluter-record-state",
        action="store_true",
        default=False,
        help="polluter: also write what each test left changed in its process (polluter record --state)",
    )


def pytest_configure(config):
    directory = config.getoption("polluter_record", None)
    if not directory:
        return
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        config.pluginmanager.register(_recorder(config, directory, workerinput["workerid"]), "polluter-recorder")
        return
    # The main process, before any worker starts: a fresh record for this run (the files of an earlier run with more
    # workers would otherwise mix in).
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        if _RECORD_FILE.match(name):
            os.remove(os.path.join(directory, name))


def pytest_sessionstart(session):
    # Only now has pytest-xdist registered its DSession, when this process hands the tests to workers and runs none.
    config = session.config
    directory = config.getoption("polluter_record", None)
    if directory and not hasattr(config, "workerinput") and not config.pluginmanager.has_plugin("dsession"):
        config.pluginmanager.register(_recorder(config, directory, "main"), "polluter-recorder")


def _recorder(config, directory, worker):
    if not config.getoption("polluter_record_state", False):
        return _Recorder(directory, worker)
    import polluter_state  # beside this file, on the same PYTHONPATH

    return _StateRecorder(directory, worker, polluter_state, polluter_state.Snapshots(config.rootpath))


class _Recorder:
    def __init__(self, directory, worker):
        self.path = os.path.join(directory, worker + ".jsonl")
        self.worker = worker
        self.fd = None
        self.running = {}  # nodeid -> (offset of the line's closing brace, its padding)
        self.phases = {}

    def _open(self):
        if self.fd is None:
            # Not O_APPEND: the outcome is written back into its line. Not O_TRUNC either: xdist restarts a crashed
            # worker under the same id, and the new one carries on after the lines of the one that died.
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o644)
        return self.fd

    def _write_at(self, offset, data):
        fd = self._open()
        os.lseek(fd, offset, os.SEEK_SET)
        os.write(fd, data)

    def _fields(self, nodeid):
        return {"nodeid": nodeid, "worker": self.worker}

    def pytest_runtest_logstart(self, nodeid, location):
        fd = self._open()
        line = json.dumps(self._fields(nodeid), separators=(",", ":")).encode("utf-8")
        end = os.lseek(fd, 0, os.SEEK_END)
        self._write_at(end, line + b" " * _PAD + b"\n")
        self.running[nodeid] = end + len(line) - 1
        self.phases[nodeid] = []

    def pytest_runtest_logreport(self, report):
        self.phases.setdefault(report.nodeid, []).append(report)

    def pytest_runtest_logfinish(self, nodeid, location):
        offset = self.running.pop(nodeid, None)
        outcome = _outcome(self.phases.pop(nodeid, []))
        if offset is not None and outcome is not None:
            # Replaces the closing brace and the padding after it: the line keeps its length.
            self._write_at(offset, _OUTCOME_TEMPLATE.format(outcome).ljust(_PAD + 1).encode("utf-8"))

    def pytest_unconfigure(self, config):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class _StateRecorder(_Recorder):
    """Also fingerprints the process around each test, as every trial of a search does, and keeps what changed."""

    def __init__(self, directory, worker, state, snapshots):
        super().__init__(directory, worker)
        self.state = state
        self.snapshots = snapshots
        self.line_start = None
        self.outcome = None

    def _fields(self, nodeid):
        # `[]` from the start: a record made with --state says so on every line, even the one whose test died.
        return {"nodeid": nodeid, "worker": self.worker, "changes": []}

    def pytest_runtest_logstart(self, nodeid, location):
        self.line_start = os.lseek(self._open(), 0, os.SEEK_END)
        super().pytest_runtest_logstart(nodeid, location)

    def pytest_runtest_logfinish(self, nodeid, location):
        self.outcome = _outcome(self.phases.get(nodeid, []))
        super().pytest_runtest_logfinish(nodeid, location)

    # Outermost, as in the trials' plugin: the state before setup and after teardown, so a fixture that restores what
    # it changed (monkeypatch) leaves no trace.
    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.line_start = None
        before = self.snapshots.before()
        yield
        changed = self.state.changes(before, self.snapshots.after())
        if changed and self.line_start is not None:
            # The test's line is the file's last (a worker runs one test at a time): rewritten whole, longer, in one
            # write, so what is on disk stays complete JSON lines.
            fields = {**self._fields(item.nodeid), "changes": changed}
            if self.outcome is not None:
                fields["outcome"] = self.outcome
            self._write_at(self.line_start, json.dumps(fields, separators=(",", ":")).encode("utf-8") + b"\n")
        self.outcome = None


def _outcome(reports):
    """One outcome per test from its setup, call and teardown reports (xfail counts as skipped: its check did not pass)."""
    for report in reports:
        if report.failed:
            return "failed" if report.when == "call" else "error"
    if any(report.skipped for report in reports):
        return "skipped"
    if any(report.when == "call" and report.passed for report in reports):
        return "passed"
    return None
