"""polluter's pytest plugin: runs exactly the planned tests, in the planned order, and records what happened.

Driven by files named in the environment, never by the command line (no ARG_MAX limit) and never by pytest's
console output:
  POLLUTER_PLAN    JSON {"mode": "collect" | "run" | "collect-run-until", "ids": [node ids in run order],
                   "until": node id: with collect-run-until, the collected tests up to it run after collecting,
                   "files": [test files an order names]: a collection imports only these (the others are ignored)}
  POLLUTER_EVENTS  JSON lines, appended and flushed one event at a time so they survive os._exit and segfaults
  POLLUTER_STATE   "1": fingerprint the process state around every test and report what each test changed
  POLLUTER_CAUSES  JSON list of cached functions: a diagnostic run reports what they kept and under which env vars

PYTEST_DONT_REWRITE: it has no assert to rewrite, and the warm start imports it before pytest is told of it.
"""

import json
import os
import sys
import time

import pytest

_plan = None
_events = None
_phases = {}


def _load_plan():
    global _plan
    if _plan is None:
        with open(os.environ["POLLUTER_PLAN"], encoding="utf-8") as plan_file:
            _plan = json.load(plan_file)
    return _plan


def _emit(**event):
    global _events
    if _events is None:
        _events = open(os.environ["POLLUTER_EVENTS"], "a", encoding="utf-8")
    _events.write(json.dumps(event) + "\n")
    _events.flush()


def pytest_configure(config):
    # A diagnostic run of the polluters and the victim: what a cache kept, and under which env vars.
    causes = os.environ.get("POLLUTER_CAUSES")
    if causes:
        import polluter_causes

        config.pluginmanager.register(polluter_causes.CausesPlugin(json.loads(causes), _emit), "polluter_causes")


def pytest_addoption(parser, pluginmanager):
    # pytest-randomly is blocked for every trial; a config that still passes its options must parse. When addopts
    # loaded it (`-p randomly`) before it was blocked, its options already exist.
    if not pluginmanager.is_blocked("randomly") or "pytest_randomly" in sys.modules:
        return
    group = parser.getgroup("polluter", "options of blocked plugins, accepted and ignored")
    group.addoption("--randomly-seed", action="store")
    group.addoption("--randomly-dont-reset-seed", action="store_true")
    group.addoption("--randomly-dont-reorganize", action="store_true")


@pytest.hookimpl(hookwrapper=True)
def pytest_cmdline_main(config):
    # A trial is one process in one order: switch pytest-xdist off even when the project's addopts turn it on.
    # This wrapper runs before xdist's own pytest_cmdline_main, which would otherwise expand `-n auto`.
    if hasattr(config.option, "numprocesses"):
        config.option.numprocesses = None
    if hasattr(config.option, "dist"):
        config.option.dist = "no"
    yield


def _normal(path):
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _same_path(a, b):
    """As polluter compares an order's paths with the project's: equal, or one ends with the other at a `/`."""
    x, y = _normal(a), _normal(b)
    return x == y or x.endswith("/" + y) or y.endswith("/" + x)


def pytest_ignore_collect(collection_path, config):
    """A collection limited to an order's files: other files are never imported, folders without one never walked."""
    files = _load_plan().get("files")
    if files is None:
        return None
    try:
        relative = collection_path.relative_to(config.rootpath).as_posix()
    except ValueError:
        relative = collection_path.as_posix()
    if relative in ("", "."):
        return None
    if collection_path.is_dir():
        # A folder some wanted file may lie in; a shorter path than the project's (a rootdir below it) may lie anywhere.
        inside = any(("/" + _normal(f)).find("/" + relative + "/") >= 0 or "/" not in _normal(f) for f in files)
        return None if inside else True
    if not collection_path.name.endswith(".py") or collection_path.name in ("conftest.py", "__init__.py"):
        return None
    return None if any(_same_path(relative, f) for f in files) else True


def pytest_collectreport(report):
    if report.failed:
        _emit(event="collect-error", id=report.nodeid, message=report.longreprtext)


@pytest.hookimpl(hookwrapper=True)
def pytest_collection_modifyitems(session, config, items):
    yield  # after every other plugin has filtered and reordered
    plan = _load_plan()
    if plan["mode"] == "collect-run-until":
        # The listing and the first trial in one process: every collected id, then the tests up to the victim run.
        _emit_collected(session, items)
        ids = [item.nodeid for item in items]
        end = ids.index(plan["until"]) + 1 if plan["until"] in ids else 0
        if items[end:]:
            config.hook.pytest_deselected(items=items[end:])
        items[:] = items[:end]
        return
    if plan["mode"] != "run":
        return
    by_id = {}
    for item in items:
        by_id.setdefault(item.nodeid, item)
    wanted = [node_id for node_id in plan["ids"] if node_id in by_id]
    wanted_set = set(wanted)
    deselected = [item for item in items if item.nodeid not in wanted_set]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
    items[:] = [by_id[node_id] for node_id in wanted]
    missing = [node_id for node_id in plan["ids"] if node_id not in by_id]
    if missing:
        _emit(event="missing", ids=missing)


def pytest_collection_finish(session):
    if _load_plan()["mode"] != "collect-run-until":
        _emit_collected(session, session.items)


def _emit_collected(session, items):
    _emit(event="collected", rootdir=str(session.config.rootpath), ids=[item.nodeid for item in items])


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    # Outermost: the state before setup and after teardown, so fixtures that restore what they change (monkeypatch)
    # leave no trace, and what they fail to restore (a cache filled meanwhile) does. tryfirst puts it outside pytest's
    # own warnings wrapper too, which restores warnings.filters after every test: a filter a test sets never leaks.
    global _state_seconds
    snapshots = _state_snapshots(item.config)
    started = time.perf_counter()
    before = snapshots.before() if snapshots else None
    _state_seconds += time.perf_counter() - started
    yield
    if snapshots:
        started = time.perf_counter()
        changed = _state.changes(before, snapshots.after())
        _state_seconds += time.perf_counter() - started
        if changed:
            _emit(event="changes", id=item.nodeid, changes=changed)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    # The state the victim (the plan's last test) starts from once its fixtures are set up, as changes from the
    # trial's start: compared with its run alone, what its own fixtures set up anyway (a session pool's threads) is
    # the same in both, so only what the predecessors left for it remains a leak.
    yield
    global _state_seconds
    snapshots = _state_snapshots(item.config)
    if snapshots and item.nodeid == _victim():
        started = time.perf_counter()
        changed = _state.changes(snapshots.first, snapshots.take())
        _state_seconds += time.perf_counter() - started
        _emit(event="victim-state", id=item.nodeid, changes=changed)


def _victim():
    plan = _load_plan()
    return plan.get("until") if plan["mode"] == "collect-run-until" else (plan["ids"] or [None])[-1]


_snapshots = None
_state = None
_state_seconds = 0.0  # what the fingerprints cost this run: the benchmark reports it per test


def _state_snapshots(config):
    global _snapshots, _state
    if _snapshots is None and os.environ.get("POLLUTER_STATE") == "1":
        import polluter_state

        _state = polluter_state
        _snapshots = polluter_state.Snapshots(config.rootpath)
    return _snapshots


def pytest_runtest_logstart(nodeid, location):
    _phases[nodeid] = []
    _emit(event="start", id=nodeid)


def pytest_runtest_logreport(report):
    _phases.setdefault(report.nodeid, []).append(report)


def pytest_runtest_logfinish(nodeid, location):
    reports = _phases.pop(nodeid, [])
    _emit(
        event="finish",
        id=nodeid,
        outcome=_outcome(reports),
        seconds=sum(getattr(report, "duration", 0.0) for report in reports),
    )


def pytest_sessionfinish(session, exitstatus):
    _emit(event="end", exitstatus=int(exitstatus), state_seconds=round(_state_seconds, 6) if _snapshots else None)


def _outcome(reports):
    """One outcome per test from its setup, call and teardown reports."""
    for report in reports:
        if report.failed:
            return "failed" if report.when == "call" else "error"
    if any(report.skipped for report in reports):
        return "skipped"  # skips and expected failures (xfail): the test's own check did not run
    if any(report.when == "call" and report.passed for report in reports):
        return "passed"
    return "not-run"
