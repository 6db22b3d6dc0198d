// Cheap fingerprints of what a jest or vitest test can leave behind for the next test, taken where the tests run
// (jest: inside the test file's vm context; vitest: in the worker). footprints.cjs decides when.
//
// A snapshot is a Map {key → group}: a group is one thing compared as a whole, element by element (all of
// process.env, the globals, one core module, one project module's exports), and split into names only when it
// differs. Values are raw: primitives by value, functions by identity (whether one is a mock is asked only when it
// changed), objects by identity and, one level down, by their first items' values or identities (builtins and core
// modules by identity only). Nothing is formatted unless it changed.
'use strict';
const path = require('node:path');
const { checkRows, CONTRACT } = require('./contract.cjs');
const { fileChanges, FileSnapshots } = require('./files.cjs');
const { ModuleScopes } = require('./module-scope.cjs');

// From the fingerprint contract (src/runners/fingerprint-contract.ts), as polluter_state.py's.
const ITEMS = CONTRACT.items; // items of an object, array, Map or Set looked at: a change beyond them shows only through the size
const LIMIT = CONTRACT.valueLength;
// Replaced by fake timers (reported once, as `timers`), so never reported as globals.
const TIMER_GLOBALS = new Set([
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'Date',
  'performance',
  'Intl',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
]);
const FAKEABLE = ['setTimeout', 'setInterval', 'setImmediate', 'Date'];
// The runners' own bookkeeping on globalThis (vitest's worker state changes with every test).
const RUNNER_GLOBALS = /^__(vitest|VITEST)/;
const PROCESS_SKIPPED = new Set(['env', '_events', '_eventsCount', '_maxListeners', 'nextTick', 'hrtime']);
// Node core modules a test is likely to patch by hand (`os.platform = () => 'win32'`) or spy on.
const CORE_MODULES = ['os', 'fs', 'path', 'child_process', 'http', 'https', 'net', 'dns', 'crypto', 'util', 'events'];
// Global objects whose methods tests stub (`jest.spyOn(console, 'error')`, `Math.random = …`).
const GLOBAL_OBJECTS = ['console', 'Math', 'JSON', 'Date', 'process'];

/** An object by identity, with its size and first items; an object's own mocks are listed apart (`mocked`). */
class Summary {
  constructor(ref, label, size, names, values) {
    Object.assign(this, { ref, label, size, names, values });
  }
}

/**
 * @param options.root        the project directory: its modules' exports and files are fingerprinted
 * @param options.global      the tests' globalThis
 * @param options.isMock      jest.isMockFunction / vi.isMockFunction
 * @param options.modules     () => the absolute files of the loaded modules
 * @param options.exportsOf   (file) => that module's current exports
 * @param options.coreModules () => [name, module][]: the Node core modules among CORE_MODULES to look at
 */
class Fingerprints {
  constructor(options) {
    this.options = options;
    this.root = path.resolve(options.root);
    this.files = FileSnapshots.of(this.root); // shared by the process's fingerprints (see FileSnapshots.of)
    this.dataNamesOf = new WeakMap(); // object → { all, data }: its own property names, and those that are no accessors
    this.identities = new WeakMap(); // builtin or core module → { data names, names looked at, last group }
    this.own = { count: -1, modules: [] };
    // Own modules that can hold nothing to fingerprint (see isInert): skipped, so that a snapshot does not grow with
    // every test file a worker without isolation has loaded (500 files: ~1.5 ms a snapshot).
    this.inert = new Set();
    this.scopes = process.env.POLLUTER_MODULE_SCOPE === '0' ? undefined : new ModuleScopes(options);
  }

  take() {
    const { global, isMock } = this.options;
    const snapshot = new Map();
    const spies = { names: [], values: [] };
    const processObject = global.process;
    const env = processObject.env;
    const envNames = Object.keys(env);
    snapshot.set(
      'env',
      group(
        'env',
        '',
        envNames,
        envNames.map((name) => env[name]),
      ),
    );
    snapshot.set('cwd', group('cwd', '', ['working directory'], [processObject.cwd()]));
    snapshot.set('timers', group('timers', '', ['fake timers'], [fakeTimers(global, isMock)]));
    const events = processObject.eventNames();
    snapshot.set(
      'listener',
      group(
        'listener',
        '',
        events.map((event) => `process.on(${quote(String(event))})`),
        events.map((event) => processObject.listenerCount(event)),
      ),
    );
    snapshot.set('global', this.globals(global, spies));
    // Builtins and core modules by identity only: a replaced method is a new value (a mock is told apart when it differs).
    for (const name of GLOBAL_OBJECTS) {
      const object = global[name];
      // A fake Date (fake timers) is the timers' change, not a change of Date's methods.
      if (object && !isFake(object, isMock))
        snapshot.set(`global ${name}`, this.byIdentity('global', `${name}.`, object, name === 'process'));
    }
    for (const [name, module] of this.options.coreModules())
      snapshot.set(`core ${name}`, this.byIdentity('core-module', `${name}.`, module, false));
    const own = this.ownModules()
      .filter(([file]) => !this.inert.has(file))
      .map(([file, name]) => [file, name, this.options.exportsOf(file)]);
    for (const [, name, exports] of own) snapshot.set(`exports ${name}`, this.exportsOf(name, exports, spies));
    if (this.scopes !== undefined) this.moduleScopes(own, snapshot, spies);
    for (const [file, , exports] of own) if (this.isInert(file, exports)) this.inert.add(file);
    snapshot.set('spy', group('spy', '', spies.names, spies.values));
    const mocks = mockCalls(spies);
    snapshot.set('mock', mocks.calls);
    snapshot.set('mock implementation', mocks.implementations);
    snapshot.set('file', this.files.take());
    return snapshot;
  }

  /**
   * An ES module with no exports (a test file, typically) whose scope is not read (module-scope.cjs found no function
   * of its own to ask V8 with): its namespace can never gain a name, so no later snapshot could see it change.
   */
  isInert(file, exports) {
    if (exports === null || typeof exports !== 'object') return false;
    try {
      if (exports[Symbol.toStringTag] !== 'Module' || Object.keys(exports).length > 0) return false;
    } catch {
      return false; // an exotic module object: looked at every time, as before
    }
    return this.scopes === undefined || !this.scopes.reads(file);
  }

  /** The project's own modules as [file, name], found again only when the number of loaded modules changed. */
  ownModules() {
    const loaded = this.options.modules();
    if (loaded.length === this.own.count) return this.own.modules;
    const prefix = this.root + path.sep;
    const own = loaded.filter(
      (file) =>
        typeof file === 'string' && file.startsWith(prefix) && !file.includes(`${path.sep}node_modules${path.sep}`),
    );
    this.own = {
      count: loaded.length,
      modules: own.map((file) => [file, path.relative(this.root, file).split(path.sep).join('/')]),
    };
    return this.own.modules;
  }

  /** The variables of the own modules' scopes that no export reaches (module-scope.cjs), one group per module. */
  moduleScopes(own, snapshot, spies) {
    const found = this.scopes.read(own.map(([file, , exports]) => [file, exports]));
    for (const [file, name] of own) {
      const variables = found.get(file);
      if (variables === undefined) continue;
      const prefix = `${name} (module scope): `;
      const [names, values] = variables;
      snapshot.set(
        `scope ${name}`,
        group(
          'global',
          prefix,
          names,
          values.map((value, index) => this.fingerprint(value, `${prefix}${names[index]}`, spies, false)),
        ),
      );
    }
  }

  /**
   * globalThis's own data properties; plain objects, arrays, Maps and Sets one level down, other objects (the
   * builtins: reading their keys through jest's vm context costs more than all the rest) by identity. Timers and
   * the builtins below are left to their own fingerprints.
   */
  globals(global, spies) {
    const names = [];
    const values = [];
    for (const name of this.dataNames(global)) {
      if (TIMER_GLOBALS.has(name) || GLOBAL_OBJECTS.includes(name) || RUNNER_GLOBALS.test(name)) continue;
      const value = global[name];
      names.push(name);
      values.push(
        value !== global && isData(value) ? this.fingerprint(value, `globalThis.${name}`, spies, false) : value,
      );
    }
    return group('global', 'globalThis.', names, values);
  }

  /**
   * A builtin's or core module's data properties by identity (a replaced method, a flag added to `os`). An
   * unchanged group is the same object as the last time, so comparing it costs nothing.
   */
  byIdentity(kind, prefix, object, isProcess) {
    const data = this.dataNames(object);
    let known = this.identities.get(object);
    if (known === undefined || known.data !== data) {
      const names = isProcess ? data.filter((name) => !PROCESS_SKIPPED.has(name)) : data;
      this.identities.set(object, (known = { data, names, last: undefined }));
    }
    const { names, last } = known;
    if (last !== undefined && names.every((name, index) => object[name] === last.values[index])) return last;
    return (known.last = group(
      kind,
      prefix,
      names,
      names.map((name) => object[name]),
    ));
  }

  /** An object's own property names that are not accessors (never called), found again when its names change. */
  dataNames(object) {
    const all = Object.getOwnPropertyNames(object);
    const known = this.dataNamesOf.get(object);
    if (known !== undefined && known.all.length === all.length && known.all.every((name, index) => name === all[index]))
      return known.data;
    const data = all.filter((name) => {
      const descriptor = Object.getOwnPropertyDescriptor(object, name);
      return descriptor !== undefined && 'value' in descriptor;
    });
    this.dataNamesOf.set(object, { all, data });
    return data;
  }

  /** A module's exports, one level down; mocks put on an exported object or class are collected as spies. */
  exportsOf(file, exports, spies) {
    const names = [];
    const values = [];
    if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
      try {
        // Exports are read, getters included: an ES module's are its live bindings.
        for (const name of Object.keys(exports)) {
          names.push(name);
          values.push(this.fingerprint(exports[name], `${file}:${name}`, spies, true));
        }
        if (typeof exports === 'function') this.spiesOn(exports, `${file}:`, spies);
      } catch {
        // an exotic module object (a proxy that throws): left as far as read
      }
    }
    return group('global', `${file}:`, names, values);
  }

  /** Primitives by value, functions by identity, objects as a summary; `classes`: spies on a class's methods too. */
  fingerprint(value, name, spies, classes) {
    if (typeof value === 'function') {
      if (this.options.isMock(value))
        (spies.mocks ??= []).push([name, value]); // a jest.fn() kept in a variable or export
      else if (classes) this.spiesOn(value, `${name}.`, spies);
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    return summary(value, this.options.isMock, name, spies);
  }

  /** Mocks among a class's statics and prototype methods (`jest.spyOn(Store.prototype, 'save')`). */
  spiesOn(fn, prefix, spies) {
    const { isMock } = this.options;
    if (isMock(fn)) return;
    for (const name of Object.keys(fn)) if (isMock(fn[name])) addSpy(spies, `${prefix}${name}`, fn[name]);
    const prototype = Object.prototype.hasOwnProperty.call(fn, 'prototype') ? fn.prototype : undefined;
    if (prototype === undefined || prototype === null || typeof prototype !== 'object') return;
    for (const name of this.dataNames(prototype))
      if (isMock(prototype[name])) addSpy(spies, `${prefix}prototype.${name}`, prototype[name]);
  }
}

const group = (kind, prefix, names, values) => ({ kind, prefix, names, values });

/** A plain object (of any realm), an array, a Map or a Set: the values tests keep state in. */
function isData(value) {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === null) return true;
  if (Object.getPrototypeOf(prototype) === null) return true; // Object.prototype, of whichever realm
  const tag = Object.prototype.toString.call(value);
  return tag === '[object Map]' || tag === '[object Set]';
}

function addSpy(spies, name, fn) {
  spies.names.push(name);
  spies.values.push(fn);
}

/**
 * How many calls each mock has recorded (`mock.calls.length`), for every mock function seen: spies, mocked methods
 * of exported or module-scope objects (a `jest.mock`ed module), mocks kept in a variable. Measured from one test's
 * start to the next's, after the runner's own per-test resets: with clearMocks the count is back at 0, without it a
 * test that called the mock leaves the next test a history it may count (`toHaveBeenCalledTimes`). Each mock once,
 * under the first name it was seen by.
 */
function mockCalls(spies) {
  const seen = new Set();
  const names = [];
  const counts = [];
  // And what each one does: a mockImplementation/mockReturnValue put on a mock that was already there (a vi.spyOn
  // or jest.spyOn on a mocked module's function returns that same mock) and left in place is a spy left behind.
  const implementations = [];
  const entries = [...(spies.mocks ?? []), ...spies.names.map((name, index) => [name, spies.values[index]])];
  for (const [name, fn] of entries) {
    if (seen.has(fn)) continue;
    seen.add(fn);
    const calls = fn.mock?.calls;
    if (!Array.isArray(calls)) continue;
    names.push(name);
    counts.push(calls.length);
    implementations.push(
      typeof fn.getMockImplementation === 'function'
        ? (fn.getMockImplementation() ?? NO_IMPLEMENTATION)
        : NO_IMPLEMENTATION,
    );
  }
  return {
    calls: Object.assign(
      group(
        'mock',
        '',
        names.map((name) => `${name}.mock.calls`),
        counts,
      ),
      { existingOnly: true },
    ),
    implementations: Object.assign(
      group(
        'spy',
        '',
        names.map((name) => `${name} (implementation)`),
        implementations,
      ),
      { existingOnly: true },
    ),
  };
}

const NO_IMPLEMENTATION = Symbol('no implementation'); // a mock that does what it was created to do

function summary(value, isMock, name, spies) {
  const tag = Object.prototype.toString.call(value);
  const names = [];
  const values = [];
  const item = (entry) => (typeof entry === 'function' && isMock(entry) ? MOCK : entry);
  try {
    if (tag === '[object Map]' || tag === '[object Set]') {
      let count = 0;
      for (const [key, entry] of value.entries()) {
        if (count++ >= ITEMS) break;
        names.push(key);
        values.push(item(entry));
      }
      return new Summary(value, tag.slice(8, -1), value.size, names, values);
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length && index < ITEMS; index += 1) values.push(item(value[index]));
      return new Summary(value, 'array', value.length, names, values);
    }
    // An object's mocks are the spies' business: a spyOn that adds or replaces a property leaves its summary alone.
    const mocked = [];
    let size = 0;
    for (const key of Object.keys(value)) {
      const entry = value[key];
      if (typeof entry === 'function' && isMock(entry)) {
        mocked.push(key);
        addSpy(spies, `${name}.${key}`, entry);
        continue;
      }
      size += 1;
      if (names.length < ITEMS) {
        names.push(key);
        values.push(entry);
      }
    }
    const constructor = Object.getPrototypeOf(value)?.constructor;
    const label =
      tag !== '[object Object]'
        ? tag.slice(8, -1)
        : typeof constructor === 'function' && constructor.name !== 'Object'
          ? constructor.name
          : 'object';
    return Object.assign(new Summary(value, label, size, names, values), { mocked });
  } catch {
    return new Summary(value, 'object', -1, names, values);
  }
}

const MOCK = Symbol('mock'); // a mock among an array's, a Map's or a Set's items: equal to anything

function fakeTimers(global, isMock) {
  const fake = FAKEABLE.filter((name) => isFake(global[name], isMock));
  return fake.length === 0 ? 'real' : `fake: ${fake.join(', ')}`;
}

// Fake timers (@sinonjs/fake-timers in jest and vitest) leave a `clock` on what they replace; jest's legacy ones are mocks.
const isFake = (value, isMock) =>
  typeof value === 'function' && ((typeof value.clock === 'object' && value.clock !== null) || isMock(value));

// ------------------------------------------------------------------------------------------------ comparison

function same(a, b) {
  if (a === b || (a !== a && b !== b) || a === MOCK || b === MOCK) return true;
  if (a instanceof Summary && b instanceof Summary) return a.ref === b.ref && sameItems(a, b);
  return false;
}

function sameItems(a, b) {
  if (a.names.length === b.names.length && a.values.length === b.values.length && a.size === b.size) {
    let equal = true;
    for (let index = 0; index < a.values.length && equal; index += 1)
      equal = a.names[index] === b.names[index] && same(a.values[index], b.values[index]);
    if (equal) return true;
  }
  return (
    a.mocked !== undefined &&
    b.mocked !== undefined &&
    keyChanges(a, b).length === 0 &&
    (a.size <= ITEMS || a.size === b.size)
  );
}

/** The keys of an object whose value changed, mocks left out: [key, before, after] (ABSENT where missing). */
function keyChanges(a, b) {
  const old = new Map(a.names.map((name, index) => [name, a.values[index]]));
  const now = new Map(b.names.map((name, index) => [name, b.values[index]]));
  const found = [];
  for (const [key, value] of old) {
    if (now.has(key) ? !same(value, now.get(key)) : !b.mocked?.includes(key))
      found.push([key, value, now.has(key) ? now.get(key) : ABSENT]);
  }
  for (const [key, value] of now) if (!old.has(key) && !a.mocked?.includes(key)) found.push([key, ABSENT, value]);
  return found;
}

function sameGroup(a, b) {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.names.length !== b.names.length) return false;
  for (let index = 0; index < a.names.length; index += 1) {
    if (a.names[index] !== b.names[index] || !same(a.values[index], b.values[index])) return false;
  }
  return true;
}

/**
 * What differs from `before` to `after`, as [kind, name, before, after] lists of short text (absent: null), sorted.
 * With `end` (the state when the test ended, before the afterAll hooks that ran until `after`), only what differs at
 * both times: what the test left and the hooks did not put back. With `kinds`, only changes of these kinds. A row of
 * a kind the contract does not list is an error (Footprints then stops fingerprinting, never failing the test).
 */
function changes(before, after, end, kinds, isMock) {
  let found = differences(before, after, isMock);
  if (end !== undefined && found.length > 0) {
    const atEnd = new Set(differences(before, end, isMock).map(([kind, name]) => `${kind}\u0000${name}`));
    found = found.filter(([kind, name]) => atEnd.has(`${kind}\u0000${name}`));
  }
  if (kinds !== undefined) found = found.filter(([kind]) => kinds.has(kind));
  return checkRows(found).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

function differences(before, after, isMock) {
  const found = [];
  // A group on one side only (a module first loaded, a Date made fake) is no change of its own.
  for (const [key, now] of after) {
    const was = before.get(key);
    if (was === undefined) continue;
    if (key === 'file') found.push(...fileChanges(was, now));
    else if (!sameGroup(was, now)) expand(found, was, now, isMock);
  }
  return found;
}

function expand(found, before, after, isMock) {
  const { kind, prefix } = before;
  const old = new Map(before.names.map((name, index) => [name, before.values[index]]));
  const now = new Map(after.names.map((name, index) => [name, after.values[index]]));
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const was = old.has(name) ? old.get(name) : ABSENT;
    const is = now.has(name) ? now.get(name) : ABSENT;
    if (same(was, is)) continue;
    // A mock's calls count when the mock was there before the test and still is: a spy put in (or taken out)
    // during the test is the spy's change, its calls are not another.
    if (before.existingOnly && (was === ABSENT || is === ABSENT)) continue;
    const inside =
      was instanceof Summary && is instanceof Summary && was.ref === is.ref && was.size <= ITEMS && is.size <= ITEMS;
    const keys = inside && ((was.mocked && is.mocked) || keyedMap(was, is)) ? keyChanges(was, is) : undefined;
    if (keys !== undefined && (was.label !== 'Map' || was.size === is.size || keys.length === 1)) {
      // The same object changed inside: which of its keys.
      for (const [key, wasItem, isItem] of keys) add(found, kind, `${prefix}${name}.${key}`, wasItem, isItem, isMock);
    } else add(found, kind, `${prefix}${name}`, was, is, isMock);
  }
}

/**
 * A Map of string or number keys, named per key when it kept its size or only one key changed (`stock.WIDGET-1: 40 →
 * 15`, `buckets.key-mobile-app` added): tests that each add their own key are then not all changing one thing
 * (noise), and a Map filled with many entries at once stays one change (`Map of 0 entries → Map of 2 entries`).
 */
const keyedMap = (was, is) =>
  was.label === 'Map' &&
  is.label === 'Map' &&
  [...was.names, ...is.names].every((key) => typeof key === 'string' || typeof key === 'number');

function add(found, kind, name, was, is, isMock) {
  const mock = (value) => typeof value === 'function' && isMock(value);
  // A function that is or was a mock: a spy (jest.spyOn, vi.spyOn, or a jest.fn() put in by hand).
  const changedKind = mock(was) || mock(is) ? 'spy' : kind;
  const shownBefore = mock(was) ? 'mock' : shown(kind, was);
  let shownAfter = mock(is) ? 'mock' : shown(kind, is);
  if (shownAfter !== null && shownAfter === shownBefore) {
    shownAfter +=
      was instanceof Summary && is instanceof Summary && was.ref !== is.ref ? ' (replaced)' : ' (changed inside)';
  }
  found.push([changedKind, name, shownBefore, shownAfter]);
}

const ABSENT = Symbol('absent');

// ------------------------------------------------------------------------------------------------ words

/** `'live'`, `mock`, `function platform`, `object of 3 keys`, `Map of 40 entries`, `2` (listeners). */
function shown(kind, value) {
  if (value === ABSENT) return kind === 'listener' ? '0' : null;
  if (value === NO_IMPLEMENTATION) return 'mock';
  if (kind === 'env' || kind === 'cwd' || kind === 'timers' || kind === 'listener') return short(String(value));
  if (value instanceof Summary) return summaryText(value);
  if (typeof value === 'function') return functionText(value);
  // Compared by identity; a plain object, array, Map or Set (an item of a Map) is described by its size.
  if (typeof value === 'object' && value !== null)
    return isData(value)
      ? summaryText(summary(value, () => false, '', { names: [], values: [] }))
      : Object.prototype.toString.call(value).slice(8, -1);
  if (typeof value === 'string') return short(`'${value}'`);
  if (typeof value === 'bigint') return `${value}n`;
  return short(String(value));
}

function summaryText(value) {
  if (value.size < 0) return value.label;
  if (value.label === 'array') return `array of ${count(value.size, 'item')}`;
  if (value.label === 'Map') return `Map of ${count(value.size, 'entry', 'entries')}`;
  if (value.label === 'Set') return `Set of ${count(value.size, 'item')}`;
  return `${value.label === 'object' ? 'object' : `${value.label} object`} of ${count(value.size, 'key')}`;
}

function functionText(fn) {
  const name = typeof fn.name === 'string' && fn.name !== '' ? fn.name : '(anonymous)';
  let source = '';
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    // a revoked proxy
  }
  return `${source.startsWith('class') ? 'class' : 'function'} ${name}`;
}

const count = (number, one, many = `${one}s`) => `${number} ${number === 1 ? one : many}`;
const short = (text, limit = LIMIT) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);
const quote = (text) => `'${text}'`;

module.exports = { CORE_MODULES, Fingerprints, changes };
