"""Cheap fingerprints of the process state a test can leave behind, taken before and after every test.

A fingerprint is a dict {(kind, name): short text}. Two fingerprints are compared key by key; what differs is what
the test changed. Values are never compared deeply: a container is summarised by its length and the identities of
its items, an object by its identity and the identities of its attributes, so that a snapshot of a big project costs
well under a millisecond and never calls the project's own code (no repr of arbitrary objects).
"""
import functools
import locale
import logging
import os
import signal
import sys
import threading
import time
import types
import warnings

_PRIMITIVES = (str, int, float, bool, bytes, type(None), complex)
_THIRD_PARTY = ("site-packages", "dist-packages", os.sep + ".venv" + os.sep, os.sep + "venv" + os.sep, "node_modules")
_SIGNALS = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGALRM", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGCHLD") if hasattr(signal, name)]
_LIMIT = 80


class Snapshots:
    """The project's own modules are found once per new module, not per test."""

    def __init__(self, rootdir):
        self.rootdir = os.path.realpath(str(rootdir)) + os.sep
        self.own = {}  # module name -> module, for the project's modules
        self.seen = set()

    def take(self):
        state = {}
        modules = sys.modules
        if len(modules) != len(self.seen):
            self._find_own_modules()
        state[("modules", "sys.modules")] = str(len(modules))
        for key, value in os.environ.items():
            if key != "PYTEST_CURRENT_TEST":
                state[("env", key)] = _short(value)
        state[("cwd", "working directory")] = os.getcwd()
        state[("sys.path", "sys.path")] = _short(" ".join(sys.path), 400)
        shared = set()  # a cache imported into several modules is reported once, under the name it was defined with
        for name in sorted(self.own):
            try:
                names = list(vars(self.own[name]).items())
            except TypeError:
                continue
            for attribute, value in names:
                if attribute.startswith("__") or isinstance(value, types.ModuleType):
                    continue
                if isinstance(value, functools._lru_cache_wrapper):
                    if id(value) not in shared:
                        shared.add(id(value))
                        qualified = "%s.%s" % (getattr(value, "__module__", name), getattr(value, "__qualname__", attribute))
                        size = value.cache_info().currsize
                        state[("cache", qualified)] = "lru_cache of 1 entry" if size == 1 else "lru_cache of %d entries" % size
                    continue
                state[("global", name + "." + attribute)] = _fingerprint(value)
        for logger_name, logger in [("root", logging.getLogger())] + sorted(logging.Logger.manager.loggerDict.items()):
            if isinstance(logger, logging.Logger):
                state[("logging", logger_name)] = "level %s, %d handler(s)%s" % (
                    logging.getLevelName(logger.level),
                    len(logger.handlers),
                    ", disabled" if logger.disabled else "",
                )
        state[("warnings", "warnings.filters")] = "%d filter(s) %x" % (len(warnings.filters), hash(tuple(map(_filter_key, warnings.filters))) & 0xFFFFFFFF)
        for number in _SIGNALS:
            try:
                handler = signal.getsignal(number)
            except (ValueError, OSError):
                continue
            state[("signal", signal.Signals(number).name)] = _callable_name(handler)
        alive = sorted(thread.name for thread in threading.enumerate() if thread is not threading.main_thread())
        state[("threads", "threads")] = _short(", ".join(alive) or "none", 200)
        state[("timezone", "time.tzname")] = "/".join(time.tzname)
        try:
            state[("locale", "LC_ALL")] = locale.setlocale(locale.LC_ALL, None)
        except locale.Error:
            pass
        return state

    def _find_own_modules(self):
        for name, module in list(sys.modules.items()):
            if name in self.seen:
                continue
            self.seen.add(name)
            path = getattr(module, "__file__", None)
            if not path or name.startswith("polluter_"):
                continue
            real = os.path.realpath(path)
            if real.startswith(self.rootdir) and not any(part in real for part in _THIRD_PARTY):
                self.own[name] = module


def changes(before, after):
    """What differs between two snapshots, as [kind, name, before, after] lists (absent values as None)."""
    found = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old != new:
            shown_old, shown_new = _shown(old), _shown(new)
            if shown_old == shown_new:
                shown_new += " (changed inside)"
            found.append([key[0], key[1], shown_old, shown_new])
    found.sort(key=lambda change: (change[0], change[1]))
    return found


def _shown(fingerprint):
    # Identities and content hashes tell changes apart; people read the rest ("dict of 3 items").
    if fingerprint is None:
        return None
    return fingerprint.split(" @", 1)[0]


def _fingerprint(value):
    if isinstance(value, _PRIMITIVES):
        return _short(repr(value))
    kind = type(value).__name__
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type, functools._lru_cache_wrapper)):
        return "%s %s @%x" % (kind, getattr(value, "__qualname__", "?"), id(value))
    if isinstance(value, types.MethodType):
        return "method %s @%x" % (getattr(value, "__qualname__", "?"), id(value.__func__))
    if isinstance(value, dict):
        return "%s of %s @%x #%x" % (kind, _items(len(value)), id(value), _items_hash(value.items()))
    if isinstance(value, (list, tuple)):
        return "%s of %s @%x #%x" % (kind, _items(len(value)), id(value), _items_hash(enumerate(value)))
    if isinstance(value, (set, frozenset)):
        return "%s of %s @%x #%x" % (kind, _items(len(value)), id(value), _set_hash(value))
    try:
        attributes = vars(value)
    except TypeError:
        return "%s @%x" % (kind, id(value))
    return "%s @%x #%x" % (kind, id(value), _items_hash(attributes.items()))


def _items(count):
    return "1 item" if count == 1 else "%d items" % count


def _items_hash(items):
    # Primitives by value (a counter's new number, a setting's new string), everything else by identity.
    total = 0
    for count, (key, item) in enumerate(items):
        if count >= 1000:
            break
        part = item if isinstance(item, _PRIMITIVES) else id(item)
        try:
            total ^= hash((key, part))
        except TypeError:
            total ^= hash((id(key), part))
    return total & 0xFFFFFFFF


def _set_hash(items):
    total = 0
    for count, item in enumerate(items):
        if count >= 1000:
            break
        total ^= hash(item) if isinstance(item, _PRIMITIVES) else id(item)
    return total & 0xFFFFFFFF


def _filter_key(entry):
    action, message, category, module, line = entry
    return (action, getattr(message, "pattern", message), getattr(category, "__name__", category), getattr(module, "pattern", module), line)


def _callable_name(handler):
    if handler in (signal.SIG_DFL, signal.SIG_IGN, None):
        return str(handler)
    return "%s.%s" % (getattr(handler, "__module__", "?"), getattr(handler, "__qualname__", type(handler).__name__))


def _short(text, limit=_LIMIT):
    return text if len(text) <= limit else text[: limit - 1] + "…"
