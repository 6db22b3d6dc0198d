"""Drives the pytest helper's fingerprints (src/runners/pytest/polluter_state.py) through a scenario read from stdin,
as test/unit/fingerprint-golden.test.ts gives the same one to drive.cjs: {"root", "temp", "kinds", "steps": [[op…]…]}.
Prints one JSON list per step: the rows of the given kinds changed since the last snapshot, or {"error": message}."""

import json
import os
import sys

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "src", "runners", "pytest")
)
import polluter_state  # noqa: E402  (read at import: POLLUTER_FINGERPRINT, TMPDIR)

scenario = json.load(sys.stdin)
places = {"project": scenario["root"], "temp": scenario["temp"]}


def apply(op):
    kind, args = op[0], op[1:]
    path = os.path.join(places[args[0]], args[1]) if kind not in ("setenv", "unsetenv") else None
    if kind == "write":
        with open(path, "w", encoding="utf-8") as file:
            file.write(args[2])
    elif kind == "append":
        with open(path, "a", encoding="utf-8") as file:
            file.write(args[2])
    elif kind == "mtime":
        os.utime(path, (args[2], args[2]))
    elif kind == "remove":
        os.remove(path)
    elif kind == "mkdir":
        os.mkdir(path)
    elif kind == "rmdir":
        os.rmdir(path)
    elif kind == "chdir":
        os.chdir(path)
    elif kind == "setenv":
        os.environ[args[0]] = args[1]
    elif kind == "unsetenv":
        del os.environ[args[0]]
    else:
        raise ValueError("unknown op %r" % (op,))


snapshots = polluter_state.Snapshots(scenario["root"])
last = snapshots.take()
out = []
try:
    for step in scenario["steps"]:
        for op in step:
            apply(op)
        now = snapshots.take()
        out.append([row for row in polluter_state.changes(last, now) if row[0] in scenario["kinds"]])
        last = now
except Exception as error:  # the contract's check: reported, for the test to assert on
    out.append({"error": str(error)})
print(json.dumps(out))
