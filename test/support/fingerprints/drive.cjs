// Drives the jest/vitest helpers' fingerprints (src/runners/js/state.cjs, files.cjs) through a scenario read from
// stdin, as test/unit/fingerprint-golden.test.ts gives the same one to drive.py: {"root", "temp", "kinds", "steps"}.
// Prints one JSON list per step: the rows of the given kinds changed since the last snapshot, or {"error": message}.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Fingerprints, changes } = require('../../../src/runners/js/state.cjs'); // reads POLLUTER_FINGERPRINT

const scenario = JSON.parse(fs.readFileSync(0, 'utf8'));
const places = { project: scenario.root, temp: scenario.temp };

function apply([kind, ...args]) {
  const file = kind === 'setenv' || kind === 'unsetenv' ? undefined : path.join(places[args[0]], args[1]);
  if (kind === 'write') fs.writeFileSync(file, args[2]);
  else if (kind === 'append') fs.appendFileSync(file, args[2]);
  else if (kind === 'mtime') fs.utimesSync(file, args[2], args[2]);
  else if (kind === 'remove') fs.rmSync(file);
  else if (kind === 'mkdir') fs.mkdirSync(file);
  else if (kind === 'rmdir') fs.rmdirSync(file);
  else if (kind === 'chdir') process.chdir(file);
  else if (kind === 'setenv') process.env[args[0]] = args[1];
  else if (kind === 'unsetenv') delete process.env[args[0]];
  else throw new Error(`unknown op ${JSON.stringify([kind, ...args])}`);
}

const isMock = () => false;
// `new-fingerprints` (JS only) starts the next step with fingerprints of their own, as vitest's next test file does.
const fresh = () =>
  new Fingerprints({
    root: scenario.root,
    global: globalThis,
    isMock,
    modules: () => [],
    exportsOf: () => undefined,
    coreModules: () => [],
  });
let fingerprints = fresh();
let last = fingerprints.take();
const out = [];
try {
  for (const step of scenario.steps) {
    for (const op of step) {
      if (op[0] !== 'new-fingerprints') apply(op);
      else last = (fingerprints = fresh()).take();
    }
    const now = fingerprints.take();
    out.push(changes(last, now, undefined, undefined, isMock).filter(([kind]) => scenario.kinds.includes(kind)));
    last = now;
  }
} catch (error) {
  out.push({ error: error.message }); // the contract's check: reported, for the test to assert on
}
process.stdout.write(JSON.stringify(out));
