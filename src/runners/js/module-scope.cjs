// The module-level variables of the project's own modules that no export reaches (`const rates = {…}` that only
// setRate() changes, `let activeLocale`), read through V8's inspector from inside the test process. state.cjs
// fingerprints them like any other value.
//
// How: an in-thread inspector Session (no port is opened; its callbacks run before `post` returns) asks V8 for the
// [[Scopes]] of one function each module defines. Those scopes are copies of the module's variables made when asked
// (the values themselves are the real objects), so they are handed back to JS through a bridge array on the main
// realm's globalThis (empty between reads). The runners' module wrappers show as a `Closure` scope (jest, Node's CJS)
// or a `Block` scope (vitest 3 and 4: vite's SSR wrapper).
//
// Anything unexpected (no inspector in this Node, a callback that does not come at once, a protocol error) turns
// module scopes off for the rest of the process: the other fingerprints go on as before.
'use strict';
const fs = require('node:fs');
const vm = require('node:vm');

const SHARED = Symbol.for('polluter.module-scope'); // on the main realm's globalThis: { session, broken } per process
const BRIDGE = Symbol.for('polluter.module-scope.bridge');
const GROUP = 'polluter-module-scope';
const RENEW = 32;
const MODULE_SCOPES = new Set(['Closure', 'Block', 'Module']);
// What the runners' module wrappers pass in (jest's, Node's CJS and vite's SSR wrapper): not the module's own state.
const WRAPPER_NAMES = new Set(['module', 'exports', 'require', '__filename', '__dirname', 'jest']);
const WRAPPER_PREFIX = /^__vi(?:te)?_(?:ssr_|import_)/;
// Core modules never required here, though loaded: a public require of these warns (deprecated) in some Node versions.
const UNREQUIRED_CORE = /^(?:_|internal\/|punycode$|sys$)/;
// A module variable that its source never declares with `let` or `var`, or never assigns again, is not rebound: a
// module whose scope holds no other is read once, and what its objects hold is read through them. The others are
// read at every snapshot (each costs one protocol call, about 0.05–0.1 ms).
const DECLARATION = /\b(?:let|var)\s+([^\n;]*)/g;
const DECLARED = /(?<![\w$.])([A-Za-z_$][\w$]*)(?=\s*(?:(=)|[,;:]|$))/g;

class ModuleScopes {
  /**
   * @param options.modules   () => the absolute files of the loaded modules
   * @param options.exportsOf (file) => that module's current exports
   * @param options.isMock    jest.isMockFunction / vi.isMockFunction: a mock's scope is the mock library's
   */
  constructor(options) {
    this.options = options;
    this.shared = shared();
    this.modules = new Map(); // file → { exports, probe, rebinds (true, false, or the let/var names till read), variables, hidden }
    this.elsewhere = { count: -1, core: -1, values: new Set() };
  }

  /**
   * The variables of each module's scope (a function among its exports tells which scope), as a map file →
   * [names, values]; empty when the inspector cannot be used. Left out: what other fingerprints see already (a
   * variable that is also exported under its name, a module's exports, a core module).
   * @param own [file, exports][] of the project's own loaded modules
   */
  read(own) {
    const found = new Map();
    if (this.shared.broken || own.length === 0) return found;
    const due = [];
    for (const [file, exports] of own) {
      let known = this.modules.get(file);
      if (known === undefined) this.modules.set(file, (known = discover(file, exports, this.options.isMock)));
      if (known.probe === undefined) continue;
      if (known.variables === undefined || known.rebinds !== false) due.push(known);
    }
    if (due.length > 0 && !this.fetch(due)) return found;
    const elsewhere = this.reachedElsewhere(own);
    for (const [file] of own) {
      const { variables } = this.modules.get(file);
      if (variables === undefined) continue;
      const names = [];
      const values = [];
      variables[0].forEach((name, index) => {
        const value = variables[1][index];
        if (elsewhere.has(value)) return;
        names.push(name);
        values.push(value);
      });
      if (names.length > 0) found.set(file, [names, values]);
    }
    return found;
  }

  /** Whether the scope of this module may be read: not yet looked at, or a function of its own was found to ask with. */
  reads(file) {
    if (this.shared.broken) return false;
    const known = this.modules.get(file);
    return known === undefined || known.probe !== undefined;
  }

  /** Modules' exports, the own modules' exported objects and functions, loaded core modules: found again when more load. */
  reachedElsewhere(own) {
    const { elsewhere } = this;
    const loaded = this.options.modules();
    const core = this.shared.main.process?.moduleLoadList ?? []; // the main realm's: jest's test files have a copy
    if (loaded.length === elsewhere.count && core.length === elsewhere.core) return elsewhere.values;
    const values = new Set();
    const object = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
    for (const file of loaded) {
      const exports = this.options.exportsOf(file);
      if (object(exports)) values.add(exports);
    }
    for (const [, exports] of own) {
      if (!object(exports)) continue;
      try {
        for (const key of Object.keys(exports)) if (object(exports[key])) values.add(exports[key]);
      } catch {
        // an export that throws when read
      }
    }
    for (const entry of core) {
      const name = typeof entry === 'string' && entry.startsWith('NativeModule ') ? entry.slice(13) : '';
      if (name === '' || UNREQUIRED_CORE.test(name)) continue;
      try {
        values.add(require(`node:${name}`));
      } catch {
        // not a public module
      }
    }
    this.elsewhere = { count: loaded.length, core: core.length, values };
    return values;
  }

  /**
   * Reads the scopes of the modules due: one protocol call per module and one to hand the scopes back; false (and
   * off for good) on failure. The bridge's and the probes' object ids are kept in a group that is released, and the
   * ids found again, every RENEW reads: that bounds what the inspector holds (the scopes asked for land in the same
   * group) without paying for an evaluation at every read.
   */
  fetch(due) {
    const { shared } = this;
    const { bridge } = shared;
    const post = (method, params) => call(shared.session, method, params);
    try {
      if (shared.reads++ % RENEW === 0 && shared.bridgeId !== undefined) {
        post('Runtime.releaseObjectGroup', { objectGroup: GROUP });
        shared.bridgeId = undefined;
        shared.ids = new WeakMap();
      }
      shared.bridgeId ??= post('Runtime.evaluate', {
        expression: `globalThis[Symbol.for(${JSON.stringify(BRIDGE.description)})]`,
        objectGroup: GROUP,
      }).result.objectId;
      const missing = due.filter((known) => !shared.ids.has(known.probe));
      if (missing.length > 0) {
        bridge.push(...missing.map((known) => known.probe));
        const items = post('Runtime.getProperties', { objectId: shared.bridgeId, ownProperties: true }).result;
        missing.forEach((known, index) =>
          shared.ids.set(known.probe, items.find((item) => item.name === String(index)).value.objectId),
        );
      }
      const scopeLists = due.map((known) => {
        const { internalProperties } = post('Runtime.getProperties', {
          objectId: shared.ids.get(known.probe),
          ownProperties: true,
        });
        return { objectId: internalProperties.find((property) => property.name === '[[Scopes]]').value.objectId };
      });
      post('Runtime.callFunctionOn', {
        objectId: shared.bridgeId,
        functionDeclaration: 'function (...lists) { this.length = 0; this.push(...lists); }',
        arguments: scopeLists,
      });
      due.forEach((known, index) => {
        known.variables = variablesOf(bridge[index], known);
        if (known.rebinds instanceof Set) known.rebinds = known.variables[0].some((name) => known.rebinds.has(name));
      });
      return true;
    } catch {
      shared.broken = true;
      return false;
    } finally {
      bridge.length = 0;
    }
  }
}

/**
 * What is shared by every ModuleScopes of the process (jest loads this file anew for each test file): kept on the
 * main realm's globalThis, which jest's test files (vm contexts) reach through the vm module.
 */
function shared() {
  const main = vm.runInThisContext('globalThis');
  if (main[SHARED] === undefined) {
    Object.defineProperty(main, BRIDGE, { value: [] }); // empty between reads
    Object.defineProperty(main, SHARED, { value: connect(main) });
  }
  return main[SHARED];
}

/**
 * An in-thread session: it opens no port and turns on no domain (nothing is reported to it unasked). Made before the
 * first snapshot, since loading node:inspector wraps process.chdir (Node's worker support), which is no test's doing.
 */
function connect(main) {
  try {
    const { Session } = require('node:inspector'); // throws where Node was built without the inspector
    const session = new Session();
    session.connect();
    return { main, session, bridge: main[BRIDGE], bridgeId: undefined, ids: new WeakMap(), reads: 0, broken: false };
  } catch {
    return { main, session: undefined, broken: true };
  }
}

/** A protocol call whose answer comes before `post` returns (same-thread sessions dispatch synchronously). */
function call(session, method, params) {
  let answer;
  session.post(method, params, (error, result) => {
    answer = { error, result };
  });
  if (answer === undefined) throw new Error(`polluter: ${method} did not answer synchronously`);
  if (answer.error) throw answer.error;
  return answer.result;
}

/**
 * The module's scopes merged, innermost first: [names, values]. Left out: the wrappers' parameters, and the
 * variables exported under their own name (a live binding, or the same value when first read), which the exports'
 * fingerprint reports.
 */
function variablesOf(scopeList, known) {
  const names = [];
  const values = [];
  const seen = new Set();
  const first = known.hidden === undefined;
  if (first) known.hidden = new Set();
  for (const scope of Array.from(scopeList ?? [])) {
    // `Closure`, or `Closure (Object.<anonymous>)` where the wrapper function has a name (jest 29)
    if (!MODULE_SCOPES.has(String(scope?.description).split(' ')[0]) || scope.object == null) continue;
    for (const name of Object.keys(scope.object)) {
      if (seen.has(name) || WRAPPER_NAMES.has(name) || WRAPPER_PREFIX.test(name)) continue;
      seen.add(name);
      const value = scope.object[name];
      if (first && exportedAs(known.exports, name, value)) known.hidden.add(name);
      if (known.hidden.has(name)) continue;
      names.push(name);
      values.push(value);
    }
  }
  return [names, values];
}

function exportedAs(exports, name, value) {
  if (exports === null || (typeof exports !== 'object' && typeof exports !== 'function')) return false;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(exports, name);
    return descriptor !== undefined && (descriptor.get !== undefined || Object.is(descriptor.value, value));
  } catch {
    return false;
  }
}

/** How to read a module's scope: through which of its functions, and whether to read it again at every snapshot. */
function discover(file, exports, isMock) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    // not on disk (a virtual module): no function can be told to be its own, so its scope is not read
  }
  return {
    exports,
    probe: probeOf(exports, source, isMock),
    rebinds: rebindable(source),
    variables: undefined,
    hidden: undefined,
  };
}

/**
 * The names a source declares with `let` or `var` (inside functions too: a superset) and assigns again somewhere
 * (`x = …`, `x += …`, `x++`), or true when it cannot tell (a destructuring declaration). Destructuring assignments to
 * a module's `let` are not seen.
 */
function rebindable(source) {
  if (source === undefined) return true;
  const initialised = new Map(); // name → declarations with an initialiser
  for (const [, rest] of source.matchAll(DECLARATION)) {
    if (/^\s*[[{]/.test(rest)) return true;
    for (const [, name, assigned] of rest.matchAll(DECLARED))
      initialised.set(name, (initialised.get(name) ?? 0) + (assigned ? 1 : 0));
  }
  const names = new Set();
  for (const [name, declarations] of initialised) {
    const word = name.replace(/\$/g, '\\$');
    const assignment = new RegExp(
      `(?<![\\w$.])${word}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?![=>])|(?:\\+\\+|--)\\s*${word}(?![\\w$])|(?<![\\w$.])${word}\\s*(?:\\+\\+|--)`,
      'g',
    );
    if ([...source.matchAll(assignment)].length > declarations) names.add(name);
  }
  return names;
}

/**
 * A function the module defines itself (its name declared in its source: a re-exported one would show another
 * module's scope), among its exports and one level down in exported objects.
 */
function probeOf(exports, source, isMock) {
  const candidates = [];
  const add = (value) => {
    if (typeof value === 'function' && candidates.length < 32 && !isMock(value)) candidates.push(value);
  };
  try {
    add(exports);
    if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
      const objects = [];
      for (const key of Object.keys(exports)) {
        const value = exports[key];
        add(value);
        if (value !== null && typeof value === 'object') objects.push(value);
      }
      for (const object of objects) for (const key of Object.keys(object)) add(object[key]);
    }
  } catch {
    // an export that throws when read: the candidates found so far
  }
  return candidates.find((fn) => definedIn(fn, source));
}

function definedIn(fn, source) {
  const name = typeof fn.name === 'string' ? fn.name : '';
  if (source === undefined || !/^[\w$]+$/.test(name)) return false;
  const word = name.replace(/\$/g, '\\$');
  return new RegExp(
    `(?:function\\s*\\*?\\s*|class\\s+|(?:const|let|var)\\s+)${word}(?![\\w$])|(?<![\\w$.])${word}\\s*(?:\\([^)]*\\)\\s*\\{|[:=]\\s*(?:async\\b|function\\b|\\(|[\\w$]+\\s*=>))`,
  ).test(source);
}

module.exports = { ModuleScopes };
