"""polluter's diagnostic of a cache leak (POLLUTER_CAUSES: a JSON list of cached functions, `app.config.get_config`).

Only in a diagnostic run of the polluters and the victim, never in the fingerprints of a search. For each test that
fills one of the caches, it records which env vars differed (from the test's start) while the cache was filled, which
of them the test's teardown put back, and, once the test is over, a short repr of the value the cache kept (a
function without required parameters is called: a cache hit, nothing is computed again).
"""

import inspect
import os
import sys

import pytest

_REPR_LIMIT = 160


class CausesPlugin:
    def __init__(self, names, emit):
        self.names = names
        self.emit = emit
        self.at_start = None
        self.at_teardown = None

    def _sizes(self):
        sizes = {}
        for name in self.names:
            cache = _find(name)
            if cache is not None and hasattr(cache, "cache_info"):
                sizes[name] = cache.cache_info().currsize
        return sizes

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.at_start = (dict(os.environ), self._sizes())
        self.at_teardown = None
        yield
        if self.at_teardown is None:
            return
        env_start, sizes_start = self.at_start
        env_filled, sizes_filled = self.at_teardown
        env_end, sizes_end = dict(os.environ), self._sizes()
        for name, size in sizes_filled.items():
            if size <= sizes_start.get(name, 0):
                continue
            changed = sorted(
                key
                for key in set(env_start) | set(env_filled)
                if env_start.get(key) != env_filled.get(key) and key != "PYTEST_CURRENT_TEST"
            )
            self.emit(
                event="cause",
                id=item.nodeid,
                cache=name,
                entries=sizes_end.get(name, 0),
                value=_kept(name) if sizes_end.get(name, 0) > 0 else None,
                env=[
                    [key, env_filled.get(key), env_start.get(key), env_end.get(key) == env_start.get(key)]
                    for key in changed
                ],
            )

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item, nextitem):
        # Before any fixture's teardown: what a monkeypatch set is still set.
        self.at_teardown = (dict(os.environ), self._sizes())
        yield


def _find(name):
    """The object a dotted name points to, among modules already imported (nothing is imported for it)."""
    parts = name.split(".")
    for end in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:end]))
        if module is None:
            continue
        value = module
        try:
            for attribute in parts[end:]:
                value = getattr(value, attribute)
        except AttributeError:
            return None
        return value
    return None


def _kept(name):
    cache = _find(name)
    try:
        required = [
            p
            for p in inspect.signature(cache).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        ]
    except (TypeError, ValueError):
        return None
    if required:
        return None
    try:
        text = repr(cache())
    except Exception:  # a diagnostic never fails the run
        return None
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 1] + "…"
