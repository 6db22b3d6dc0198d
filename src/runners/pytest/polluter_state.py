"""Cheap fingerprints of the process state a test can leave behind, taken around every test.

A snapshot is a dict {(kind, name): fingerprint}. Fingerprints are raw values, identities and small tuples, never
text: they are only compared, and turned into words for the few that differ. A container is summarised by its length
and the identities (or values, for primitives) of its first items, an object by its identity and its attributes'
identities, so a snapshot never calls the project's own code (no repr of arbitrary objects, no deep equality) and
costs a fraction of a millisecond. The snapshot after one test is the snapshot before the next: nothing of the
project runs between two tests. An lru_cache is its size and its first entries, held and compared by identity. Files
are fingerprinted by size and mtime: the project's (caches and dependencies aside) and those directly in the temp dir
(runners' and polluter's own aside).
"""

import functools
import gc
import itertools
import json
import locale
import logging
import os
import signal
import sys
import tempfile
import threading
import time
import types
import warnings

_PRIMITIVES = (str, int, float, bool, bytes, type(None), complex)
_THIRD_PARTY = ("site-packages", "dist-packages", os.sep + ".venv" + os.sep, os.sep + "venv" + os.sep, "node_modules")
_SIGNALS = [
    (getattr(signal, name), name)
    for name in ("SIGINT", "SIGTERM", "SIGALRM", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGCHLD")
    if hasattr(signal, name)
]


def _read_contract(text):
    """The fingerprint contract (src/runners/fingerprint-contract.ts), as polluter hands it to every helper in
    POLLUTER_FINGERPRINT: the kinds a row may have, the limits on values and items, how files are walked. The jest and
    vitest helpers (contract.cjs) read the same variable, so both fingerprint alike."""
    if not text:
        raise RuntimeError(
            "polluter: expected the fingerprint contract in POLLUTER_FINGERPRINT (polluter sets it), got nothing"
        )
    contract = json.loads(text)
    try:
        walk = contract["fileWalk"]
        numbers = [
            contract["valueLength"],
            contract["items"],
            walk["fullWalkLimitMs"],
            walk["fullWalkFloorMs"],
            walk["fullWalkShare"],
            walk["timedWalks"],
            walk["racyMs"],
        ]
        lists = [contract["kinds"], walk["skippedDirs"], walk["ownTempPrefixes"]]
    except (KeyError, TypeError):
        numbers, lists = [None], []
    strings = all(type(items) is list and all(type(item) is str for item in items) for items in lists)
    if not strings or not all(type(number) in (int, float) for number in numbers):
        raise RuntimeError("polluter: expected the fingerprint contract in POLLUTER_FINGERPRINT, got %s" % text[:200])
    return contract


_CONTRACT = _read_contract(os.environ.get("POLLUTER_FINGERPRINT"))
_KINDS = frozenset(_CONTRACT["kinds"])
_ITEMS = _CONTRACT["items"]  # items of a container looked at: a change beyond them shows only through its length
_LIMIT = _CONTRACT["valueLength"]


class Snapshots:
    """The project's own modules are found again only when new modules were imported."""

    def __init__(self, rootdir):
        self.rootdir = os.path.realpath(str(rootdir)) + os.sep
        self.own = []  # (name, module dict, is a test module) of the project's modules, sorted by name
        self.state_names = {}  # test module -> (its size, the names in it that are not functions or classes)
        self.seen = 0
        self.last = None
        self.first = None  # the state the trial's first test started from
        self.files = _FileTrees(self.rootdir)
        self.caches = {}  # id(lru_cache wrapper) -> (the wrapper, its cache dict or None)
        self.class_names = {}  # id(class) -> (the class, its size, the names of its data attributes)

    def before(self):
        # What the last test left is what the next one starts from.
        if self.last is None:
            self.first = self.take()
            return self.first
        return self.last

    def after(self):
        self.last = self.take()
        return self.last

    def take(self):
        state = {}
        if len(sys.modules) != self.seen:
            self._find_own_modules()
        state[("modules", "sys.modules")] = len(sys.modules)
        # The environment as one entry, compared as a whole (split into variables only when it differs, by changes()).
        state[("environ", "")] = _environ()
        state[("cwd", "working directory")] = os.getcwd()
        state[("sys.path", "sys.path")] = tuple(sys.path)
        state_names = self.state_names
        caches = set()  # a cache imported into several modules is one entry, under the name it was defined with
        for name, namespace, test_module in self.own:
            # One entry per module, compared as a whole (a dict comparison in C); split into names only when it differs.
            # A test module with no state names (most of them) has no entry: changes() takes a missing one as empty.
            # Checked here first, without a call: a suite has hundreds of test modules, and this runs after every test.
            if test_module:
                known = state_names.get(name)
                if known is not None and not known[1] and known[0] == len(namespace):
                    continue
            attributes = self._globals_of(name, namespace, test_module)
            if not attributes:
                continue
            globals_ = {}
            for attribute, value in attributes:
                kind = type(value)
                if kind in _AS_IS:
                    # Primitives by value; functions and classes are compared by identity, which is their equality.
                    if attribute[:2] != "__":
                        globals_[attribute] = value
                        if kind is type and not test_module and value.__module__ == name:
                            self._class_attributes(globals_, attribute, value)
                elif kind is functools._lru_cache_wrapper:
                    if id(value) not in caches:
                        caches.add(id(value))
                        qualified = "%s.%s" % (
                            getattr(value, "__module__", name),
                            getattr(value, "__qualname__", attribute),
                        )
                        state[("cache", qualified)] = (
                            "cache",
                            value.cache_info().currsize,
                            _Entries(self._cache_of(value)),
                        )
                elif kind is not types.ModuleType and attribute[:2] != "__":
                    globals_[attribute] = _fingerprint(value, kind)
            state[("module", name)] = globals_
        loggers = logging.Logger.manager.loggerDict
        state[("logging", "root")] = _logger(logging.getLogger())
        for logger_name, logger in list(loggers.items()):
            if type(logger) is logging.Logger or isinstance(logger, logging.Logger):
                state[("logging", logger_name)] = _logger(logger)
        state[("warnings", "warnings.filters")] = (
            "filters",
            len(warnings.filters),
            tuple(map(_filter_key, warnings.filters)),
        )
        for number, signal_name in _SIGNALS:
            try:
                state[("signal", signal_name)] = ("handler", signal.getsignal(number))
            except (ValueError, OSError):
                continue
        main = threading.main_thread()
        state[("threads", "threads")] = (
            "threads",
            tuple(sorted(thread.name for thread in threading.enumerate() if thread is not main)),
        )
        state[("timezone", "time.tzname")] = "/".join(time.tzname)
        try:
            state[("locale", "LC_ALL")] = locale.setlocale(locale.LC_ALL, None)
        except locale.Error:
            pass
        self.files.take(state)
        return state

    def _cache_of(self, wrapper):
        """An lru_cache's own dict, found once through the garbage collector (the C wrapper exposes no other way in;
        cache_clear() empties the same dict). None where it is not found: the cache is then known by its size only."""
        known = self.caches.get(id(wrapper))
        if known is None or known[0] is not wrapper:
            namespace = getattr(wrapper, "__dict__", None)
            found = [item for item in gc.get_referents(wrapper) if type(item) is dict and item is not namespace]
            known = self.caches[id(wrapper)] = (wrapper, found[0] if len(found) == 1 else None)
        return known[1]

    def _class_attributes(self, globals_, attribute, cls):
        """A class defined in one of the project's modules: its own data attributes (a setting, a registry dict), as
        globals named `Class.attribute`, so that `Settings.timeout = 5` or `Model.registry[key] = …` is seen and named
        like a module global. Its methods are left out, and its data attributes found again only when the class gains
        or loses a name: a snapshot then costs a few lookups per class, not a walk of every method."""
        namespace = vars(cls)
        known = self.class_names.get(id(cls))
        if known is None or known[0] is not cls or known[1] != len(namespace):
            names = [
                (key, attribute + "." + key)
                for key, value in list(namespace.items())
                if key[:2] != "__" and type(value) not in _CLASS_CODE
            ]
            known = self.class_names[id(cls)] = (cls, len(namespace), names)
        for key, shown in known[2]:
            value = namespace.get(key, _ABSENT)
            kind = type(value)
            if kind in _AS_IS:
                globals_[shown] = value
            elif value is not _ABSENT:
                globals_[shown] = _fingerprint(value, kind)

    def _globals_of(self, name, namespace, test_module):
        """A test module's functions and classes are its tests and fixtures, hundreds in a big suite: only its other
        names are looked at, found again when the module gains or loses a name."""
        if not test_module:
            return list(namespace.items())
        known = self.state_names.get(name)
        if known is None or known[0] != len(namespace):
            # Dunder names (`__builtins__`, `__file__`) are never looked at (take() skips them): left out here.
            names = [
                attribute
                for attribute, value in list(namespace.items())
                if attribute[:2] != "__" and type(value) not in _CODE
            ]
            known = self.state_names[name] = (len(namespace), names)
        return [(attribute, namespace[attribute]) for attribute in known[1] if attribute in namespace]

    def _find_own_modules(self):
        own = {}
        for name, module in list(sys.modules.items()):
            path = getattr(module, "__file__", None)
            if not path or name.startswith("polluter_"):
                continue
            real = os.path.realpath(path)
            if real.startswith(self.rootdir) and not any(part in real for part in _THIRD_PARTY):
                namespace = getattr(module, "__dict__", None)
                if isinstance(namespace, dict):
                    base = os.path.basename(real)
                    own[name] = (
                        namespace,
                        base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py",
                    )
        self.own = sorted((name, namespace, test_module) for name, (namespace, test_module) in own.items())
        self.seen = len(sys.modules)


# How files are walked, from the contract: the folders never looked into (as the project sweep); in the temp dir, the
# runners' own caches and polluter's own files (its event and plan files live in a polluter-* folder); and when to
# switch from full walks to folder mtimes (seconds: a full walk slower than the limit, as the median of the first
# timed walks). A folder changed within _RACY_NS before a walk is listed again at the next one.
_SKIPPED_DIRS = frozenset(_CONTRACT["fileWalk"]["skippedDirs"])
_OWN_TEMP = tuple(_CONTRACT["fileWalk"]["ownTempPrefixes"])
_DIRECTORY = "directory"  # a folder directly in the temp dir: only its name is looked at
_FULL_WALK_LIMIT = _CONTRACT["fileWalk"]["fullWalkLimitMs"] / 1000
_FULL_WALK_FLOOR = _CONTRACT["fileWalk"]["fullWalkFloorMs"] / 1000
_FULL_WALK_SHARE = _CONTRACT["fileWalk"]["fullWalkShare"]
_TIMED_WALKS = _CONTRACT["fileWalk"]["timedWalks"]
_RACY_NS = int(_CONTRACT["fileWalk"]["racyMs"] * 1_000_000)


class _FileTrees:
    """The project's files and those directly in the temp dir, under ('files', '') and ('files', '$TMPDIR/').

    The mode is decided once per process, from the first snapshots: while a full walk of both is cheap (within
    _FULL_WALK_LIMIT, and within _FULL_WALK_FLOOR or _FULL_WALK_SHARE of the time between walks), every snapshot
    walks them whole. Past it (a big project, a crowded temp dir, tests of a millisecond), only folders are stat'ed,
    and a folder is listed again only when its mtime changed: creations, deletions and renames are still seen,
    in-place changes of existing files are not (in the project, the per-trial sweep of src/project/leftovers.ts
    still reports those)."""

    def __init__(self, rootdir):
        temp = os.path.join(os.path.realpath(tempfile.gettempdir()), "")
        # A temp dir inside the project (TMPDIR=./tmp) is looked at as the temp dir only: polluter's files live there.
        self.trees = (_Files(rootdir, "", recursive=True, skipped=temp), _Files(temp, "$TMPDIR/", recursive=False))
        self.timings = []  # seconds of the first full walks, until the mode is decided
        self.gaps = []  # seconds between them: the tests' own time
        self.ended = None  # when the last timed walk ended

    def take(self, state):
        if self.timings is None:
            self._take(state)
            return
        started = time.perf_counter()
        if self.ended is not None:
            self.gaps.append(started - self.ended)
        self._take(state)
        self.ended = time.perf_counter()
        self.timings.append(self.ended - started)
        if len(self.timings) == _TIMED_WALKS:
            # Medians of walks around different tests: the first runs with warm caches right after collection,
            # later ones after the tests' own work, and one may be preempted on a busy machine.
            walk = sorted(self.timings)[_TIMED_WALKS // 2]
            gap = sorted(self.gaps)[len(self.gaps) // 2] if self.gaps else 0.0
            slow = walk > _FULL_WALK_LIMIT or (walk > _FULL_WALK_FLOOR and walk > _FULL_WALK_SHARE * gap)
            for tree in self.trees:
                tree.by_folder_mtime = slow
            self.timings = None

    def _take(self, state):
        for tree in self.trees:
            state[("files", tree.label)] = tree.walk()


class _Files:
    """The files of one tree as {folder: {name: (size, mtime_ns)}}, folders relative to the root ('' for the root,
    then 'a/', 'a/b/'). A folder whose listing is reused keeps the same dict: comparing two snapshots of an unchanged
    tree is then mostly identity checks."""

    def __init__(self, root, label, recursive, skipped=None):
        self.root = root  # ends with a separator
        self.label = label  # put before every name: '' in the project, '$TMPDIR/' in the temp dir
        self.recursive = recursive  # False: the top level only, with folders by name
        self.skipped = skipped  # a folder (absolute, with a trailing separator) never looked into
        self.listings = {}  # folder -> (its mtime_ns, {name: fingerprint}, [subfolders])
        self.by_folder_mtime = False

    def walk(self):
        listings, files = {}, {}
        # An mtime ticks coarsely (a few ms): a folder changed just now may change again without a new mtime, so its
        # listing is not trusted next time (as git does with racily clean files).
        recent = time.time_ns() - _RACY_NS
        pending = [""]
        while pending:
            folder = pending.pop()
            try:
                mtime = os.stat(self.root + folder).st_mtime_ns
            except OSError:
                continue  # deleted meanwhile: its parent's listing changed too
            listing = self.listings.get(folder) if self.by_folder_mtime else None
            if listing is None or listing[0] != mtime:
                listing = (mtime if mtime < recent else None,) + self._list(folder)
            listings[folder] = listing
            files[folder] = listing[1]
            pending.extend(listing[2])
        self.listings = listings
        return files

    def _list(self, folder):
        files, subfolders = {}, []
        recursive = self.recursive
        try:
            entries = os.scandir(self.root + folder)
        except OSError:
            return files, subfolders
        with entries:
            for entry in entries:
                name = entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not recursive:
                            if not name.startswith(_OWN_TEMP):
                                files[name] = _DIRECTORY
                        elif name not in _SKIPPED_DIRS and entry.path + os.sep != self.skipped:
                            subfolders.append(folder + name + "/")
                    elif recursive or not name.startswith(_OWN_TEMP):
                        stat = entry.stat(follow_symlinks=False)
                        files[name] = (stat.st_size, stat.st_mtime_ns)
                except OSError:
                    continue  # removed between the listing and the stat
        return files, subfolders


def _file_changes(found, label, old, new):
    """Created, deleted and changed files between two {folder: {name: fingerprint}} snapshots."""
    for folder in old.keys() | new.keys():
        before, after = old.get(folder, {}), new.get(folder, {})
        if before is after or before == after:
            continue
        for name in before.keys() | after.keys():
            was, now = before.get(name), after.get(name)
            if was != now:
                found.append(["file", label + folder + name, _file_shown(was), _file_shown(now, was)])


def _file_shown(fingerprint, earlier=None):
    if fingerprint is None or fingerprint == _DIRECTORY:
        return fingerprint
    size = _count(fingerprint[0], "byte", "bytes")
    # Same size, new mtime: rewritten (a size alone would read as no change).
    return size + ", rewritten" if type(earlier) is tuple and earlier[0] == fingerprint[0] else size


_PRIMITIVE_TYPES = frozenset(_PRIMITIVES)
_SIZED = frozenset((list, dict, set))
_AS_IS = _PRIMITIVE_TYPES | {types.FunctionType, types.BuiltinFunctionType, type}
_CODE = {types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType}
# A class's methods and nested classes: code, not state, left out of its attributes.
_CLASS_CODE = _CODE | {classmethod, staticmethod, property, types.MemberDescriptorType, types.GetSetDescriptorType}


def changes(before, after):
    """What differs between two snapshots, as [kind, name, before, after] lists of short text (absent: None)."""
    if before == after:
        return []
    found = []
    for key in before.keys() | after.keys():
        old, new = before.get(key, _ABSENT), after.get(key, _ABSENT)
        if old is new or _same(old, new):
            continue
        if key[0] == "environ":
            old, new = old if old is not _ABSENT else {}, new if new is not _ABSENT else {}
            for variable in old.keys() | new.keys():
                was, now = old.get(variable, _ABSENT), new.get(variable, _ABSENT)
                if was != now:
                    _add(found, "env", _decoded(variable), _decoded(was), _decoded(now))
        elif key[0] == "files":
            _file_changes(found, key[1], old if old is not _ABSENT else {}, new if new is not _ABSENT else {})
        elif key[0] == "module":
            old, new = old if old is not _ABSENT else {}, new if new is not _ABSENT else {}
            for attribute in old.keys() | new.keys():
                name, was, now = key[1] + "." + attribute, old.get(attribute, _ABSENT), new.get(attribute, _ABSENT)
                start = len(found)
                if not _add_inside(found, name, was, now):
                    _add(found, "global", name, was, now)
                identity = _identity(was, now)
                if identity is not None:
                    for row in found[start:]:
                        row.append(identity + row[1][len(name) :])  # the object, and the key or attribute inside it
        else:
            _add(found, key[0], key[1], old, new)
    found.sort(key=lambda change: (change[0], change[1]))
    return _checked(found)


def _environ():
    """The environment as it is now, pytest's own PYTEST_CURRENT_TEST left out. On POSIX, os.environ's own bytes
    (a copy in C, a few microseconds); decoded by _decoded() only for the variables that changed."""
    data = getattr(os.environ, "_data", None)
    if type(data) is dict and os.name == "posix":
        copy = data.copy()
        copy.pop(b"PYTEST_CURRENT_TEST", None)
        return copy
    copy = dict(os.environ)
    copy.pop("PYTEST_CURRENT_TEST", None)
    return copy


def _decoded(value):
    """A key or value of _environ() as text (absent stays absent), decoded as os.environ decodes it."""
    if type(value) is bytes:
        return os.fsdecode(value)
    return value


def _checked(rows):
    """The rows themselves, once each one's kind is one of the contract's; an error naming the first that is not."""
    for row in rows:
        if row[0] not in _KINDS:
            raise ValueError(
                "polluter: expected a fingerprint row of a kind in POLLUTER_FINGERPRINT (%s), got %r"
                % (", ".join(sorted(_KINDS)), row)
            )
    return rows


_ABSENT = object()


def _identity(old, new):
    """The object a global names, when it changed inside (the same object before and after): a dict imported into
    several modules changes under each of its names, and this says they are one thing. None for a rebound name."""
    if type(old) is not tuple or type(new) is not tuple or old[0] != new[0]:
        return None
    if old[0] == "container" and old[3] == new[3]:
        return "%x" % old[3]
    if old[0] == "object" and old[2] == new[2]:
        return "%x" % old[2]
    return None


def _add_inside(found, name, old, new):
    """The same dict, list or object changed inside: its changed keys, items or attributes, each on its own
    (`SETTINGS['unit']`, `settings.debug`), when they are named by a string or number and it kept its size or (not a
    list) one of them changed. False when it is not such a change (a new object, many entries added at once, an item
    appended): it is then one change."""
    if (
        type(old) is not tuple
        or type(new) is not tuple
        or old[0] != new[0]
        or old[0] not in ("container", "object")
        or old[1] != new[1]
    ):
        return False
    if old[0] == "container":  # a dict's items by key, a list's or tuple's by index (a set's have neither)
        same_thing, items_old, items_new, size_old, size_new = old[3] == new[3], old[4], new[4], old[2], new[2]
    else:
        same_thing, items_old, items_new = old[2] == new[2], old[3], new[3]
        size_old, size_new = len(items_old or ()), len(items_new or ())
    if (
        not same_thing
        or type(items_old) is not tuple
        or type(items_new) is not tuple
        or max(size_old, size_new) > _ITEMS
    ):
        return False
    was, now = dict(items_old), dict(items_new)
    changed = [item for item in was.keys() | now.keys() if was.get(item, _ABSENT) != now.get(item, _ABSENT)]
    if (
        not changed
        or any(type(item) not in (str, int) for item in changed)
        or (size_old != size_new and len(changed) > 1)
    ):
        return False
    if size_old != size_new and old[0] == "container" and all(type(item) is int for item in changed):
        return False  # an item appended: a list that every test appends to stays one thing, so it is seen as noise
    for item in changed:
        shown = "%s[%r]" % (name, item) if old[0] == "container" else "%s.%s" % (name, item)
        before, after = was.get(item, _ABSENT), now.get(item, _ABSENT)
        found.append(["global", shown, _item_shown(before), _item_shown(after)])
    return True


def _item_shown(item):
    if item is _ABSENT:
        return None
    if type(item) is tuple:  # an object by identity: (type name, id), and a container's size
        return item[0] if len(item) == 2 else "%s of %s" % (item[0], _count(item[2], "item", "items"))
    return _short(repr(item))


def _add(found, kind, name, old, new):
    if old is new or _same(old, new):
        return
    shown_old, shown_new = _shown(kind, old), _shown(kind, new)
    if shown_old == shown_new and shown_new is not None:
        shown_new += " (changed inside)"
    found.append([kind, name, shown_old, shown_new])


def _same(old, new):
    try:
        return bool(old == new)
    except Exception:  # a primitive subclass with a strange __eq__: count it as changed
        return False


class _Entries:
    """A cache's first entries (its linked-list cells, or the results of an unbounded cache), compared by identity:
    a cache emptied and filled again to the same size holds new entries. Held, not just their ids, so that a freed
    entry's id cannot come back as a new entry's while the snapshot lives; never compared by value (that would call
    the project's __eq__)."""

    __slots__ = ("items",)

    def __init__(self, cache):
        self.items = () if cache is None else tuple(itertools.islice(cache.values(), _ITEMS))

    def __eq__(self, other):
        return (
            type(other) is _Entries
            and len(self.items) == len(other.items)
            and all(a is b for a, b in zip(self.items, other.items))
        )

    __hash__ = None


def _fingerprint(value, kind):
    if kind is dict or isinstance(value, dict):
        return ("container", kind.__name__, len(value), id(value), _items_key(value.items(), True))
    if kind in (list, tuple) or isinstance(value, (list, tuple)):
        return ("container", kind.__name__, len(value), id(value), _items_key(enumerate(value), True))
    if kind in (set, frozenset) or isinstance(value, (set, frozenset)):
        return ("container", kind.__name__, len(value), id(value), _set_key(value))
    if isinstance(value, types.MethodType):
        return ("identity", "method", getattr(value, "__qualname__", "?"), id(value.__func__))
    namespace = getattr(value, "__dict__", None)
    if not isinstance(namespace, dict) or isinstance(value, logging.Logger):
        # A logger's level and handlers are the `logging` kind's: a module's `log = getLogger(…)` is not a global leak.
        return ("object", kind.__name__, id(value), None)
    return ("object", kind.__name__, id(value), _items_key(namespace.items()))


def _items_key(items, sized=False):
    # Primitives by value (a counter's new number, a setting's new string), everything else by identity, as a
    # (type name, id) pair: a pair is never a primitive, so a changed item can be told and named (`SETTINGS['unit']`).
    key = []
    for count, (name, item) in enumerate(items):
        if count >= _ITEMS:
            break
        kind = type(item)
        if kind in _PRIMITIVE_TYPES:
            shown = item
        elif sized and kind in _SIZED:
            # A list, dict or set inside a container (a registry's entry): its size too, so that one appended to
            # (`HANDLERS['order_placed'].append(f)`) is seen, not only one replaced. Not inside an object: a list that
            # a thread keeps filling there (a recorder's samples) would stand for the thread.
            shown = (kind.__name__, id(item), len(item))
        else:
            shown = (kind.__name__, id(item))
        key.append((name if type(name) in _PRIMITIVE_TYPES else (type(name).__name__, id(name)), shown))
    return tuple(key)


def _set_key(items):
    key = []
    for count, item in enumerate(items):
        if count >= _ITEMS:
            break
        key.append(item if type(item) in _PRIMITIVE_TYPES else id(item))
    return frozenset(key)


def _logger(logger):
    return ("logger", logger.level, len(logger.handlers), logger.disabled)


def _filter_key(entry):
    action, message, category, module, line = entry
    return (
        action,
        getattr(message, "pattern", message),
        getattr(category, "__name__", category),
        getattr(module, "pattern", module),
        line,
    )


def _shown(kind, fingerprint):
    """The words for a fingerprint: `'sandbox'`, `dict of 3 items`, `lru_cache of 1 entry`, `level WARNING, 1 handler`."""
    if fingerprint is _ABSENT:
        return None
    if kind in ("env", "cwd", "timezone", "locale"):
        return _short(str(fingerprint))
    if kind == "sys.path":
        return _short(" ".join(fingerprint), 400)
    if kind == "modules":
        return "%d modules" % fingerprint
    if type(fingerprint) in _PRIMITIVE_TYPES:
        return _short(repr(fingerprint))  # a primitive global, by value
    if type(fingerprint) is not tuple:
        return "%s %s" % (type(fingerprint).__name__, getattr(fingerprint, "__qualname__", "?"))  # a function or class
    tag = fingerprint[0]
    if tag == "cache":
        return "lru_cache of %s" % _count(fingerprint[1], "entry", "entries")
    if tag == "container":
        return "%s of %s" % (fingerprint[1], _count(fingerprint[2], "item", "items"))
    if tag == "identity":
        return "%s %s" % (fingerprint[1], fingerprint[2])
    if tag == "object":
        return fingerprint[1]
    if tag == "logger":
        return "level %s, %s%s" % (
            logging.getLevelName(fingerprint[1]),
            _count(fingerprint[2], "handler", "handlers"),
            ", disabled" if fingerprint[3] else "",
        )
    if tag == "filters":
        return _count(fingerprint[1], "filter", "filters")
    if tag == "handler":
        return _callable_name(fingerprint[1])
    if tag == "threads":
        return _short(", ".join(fingerprint[1]) or "none", 200)
    return _short(repr(fingerprint))


def _count(number, one, many):
    return "1 %s" % one if number == 1 else "%d %s" % (number, many)


def _callable_name(handler):
    if handler in (signal.SIG_DFL, signal.SIG_IGN):
        return signal.Handlers(handler).name  # str() of the enum is "0" since Python 3.11
    if handler is None:
        return "not set from Python"
    return "%s.%s" % (getattr(handler, "__module__", "?"), getattr(handler, "__qualname__", type(handler).__name__))


def _short(text, limit=_LIMIT):
    return text if len(text) <= limit else text[: limit - 1] + "…"
