"""A pytest process started before its trial is known, so the trial does not wait for Python and pytest to load.

polluter starts it with `python -m polluter_warm` in the project directory and the environment every trial shares.
It imports pytest and its built-in plugins' modules (most of a small trial's start-up), tells polluter on fd 3 that it is ready and which pytest it
has, then waits there for one trial: the environment that trial adds (its plan, its worker id and temp dir) and
pytest's arguments. From then on it is `python -m pytest <arguments>`, run once: no project code ran before, and
each trial still has a process of its own. When polluter goes away first, fd 3 ends and the process just exits.
"""

import importlib.util
import json
import os
import runpy
import sys

_CHANNEL = 3


def _ready():
    import pytest

    _import_builtin_plugins()
    _import_own_modules()
    _freeze_loaded()
    found = {"pytest": pytest.__version__, "xdist": importlib.util.find_spec("xdist") is not None}
    found["started"] = _how_started()
    os.write(_CHANNEL, (json.dumps(found) + "\n").encode())


def _how_started():
    """The interpreter that runs, how it was started and the environment it started with, before anything here
    changed it. When a launcher (a version manager's shim: pyenv, asdf) started it, polluter starts the next ones
    directly with the same environment, without the launcher's tenth of a second of shell work each time."""
    return {
        "executable": sys.executable,
        "argv": getattr(sys, "orig_argv", None),  # Python 3.10+: the options it was given, to check there are none
        "process_group": os.getpgrp(),  # polluter's group: the same machine, not a container's
        "environ": dict(os.environ),
    }


def _import_builtin_plugins():
    """pytest's own plugin modules, which every run imports while it configures itself (~20 ms of a small trial's
    CPU): only imported here, never registered, so a trial's `-p no:…` still blocks them. No project code runs."""
    import importlib

    try:
        from _pytest.config import default_plugins
    except ImportError:  # a pytest that keeps them elsewhere: the trial imports them itself, as before
        return
    for name in default_plugins:
        try:
            importlib.import_module("_pytest." + name)
        except Exception:  # noqa: BLE001 — whatever fails here fails (or not) again in the trial, where it counts
            pass


def _import_own_modules():
    """polluter's plugin and fingerprints, and the debugger module pytest's debugging plugin imports as it configures
    itself: compiled on every trial otherwise (no bytecode is written), ~10 ms of a small one. They read only what
    every trial shares (POLLUTER_FINGERPRINT); the trial's plan and event file are read when the trial uses them."""
    import importlib

    for name in ("pdb", "polluter_plugin", "polluter_state"):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 — imported again in the trial, which then fails where it counts
            sys.modules.pop(name, None)


def _freeze_loaded():
    """What was loaded ahead (Python's, pytest's and polluter's modules) is never collected by the trial's garbage
    collections: each full collection (pytest runs two as it unconfigures, more come as the tests allocate) would
    otherwise walk those objects again, though they live as long as the process. The tests' own objects, created
    later, are collected as in any run; `gc.freeze` only sets aside what exists now."""
    import gc

    gc.collect()  # the import's own garbage is collected first, not kept forever
    gc.freeze()


def _trial():
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(_CHANNEL, 65536)
        if not chunk:
            return None
        data += chunk
    os.close(_CHANNEL)  # the tests never see it
    return json.loads(data)


def main():
    _ready()
    trial = _trial()
    if trial is None:
        sys.exit(0)
    os.environ.update(trial["env"])
    import tempfile

    tempfile.tempdir = None  # found again from the trial's TMPDIR, should anything have asked already
    sys.argv = ["pytest"] + trial["args"]  # argv[0] becomes pytest's __main__.py, as under `-m pytest`
    runpy.run_module("pytest", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
