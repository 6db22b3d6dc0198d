// When the fingerprints of state.cjs are taken around the tests of one file, and what each test left changed for
// the next one. The runner's helper calls the four moments below from hooks it places (jest: select.cjs and
// state-hooks.cjs; vitest: footprint.mjs):
//
//   testStarts   the test's first beforeEach, after the runner's own per-test resets (restoreMocks, unstubEnvs…)
//   beforeAll    before a describe block's beforeAll hooks
//   afterAll     before a describe block's afterAll hooks
//   fileEnds     after the file's last afterAll hook
//
// One snapshot per test: the one taken when test N+1 starts is the state after test N and before N+1. What the
// hooks between two tests do is no test's doing: a beforeAll's changes are left out, and a change that an afterAll
// puts back is not counted (the test's changes must show both before the afterAll hooks and after them). After a
// file's last test, only the kinds of state that outlive the file reach the next test (`crossFile`).
'use strict';
const { performance } = require('node:perf_hooks');
const { CORE_MODULES, Fingerprints, changes } = require('./state.cjs');

class Footprints {
  /**
   * @param options          the Fingerprints options (state.cjs)
   * @param options.emit     (test key, [kind, name, before, after][], seconds spent fingerprinting) => void
   * @param options.crossFile the kinds of state that one test file leaves to the next under this runner's settings
   */
  constructor(options) {
    const started = performance.now();
    this.fingerprints = new Fingerprints(options);
    this.emit = options.emit;
    this.crossFile = new Set(options.crossFile);
    this.pending = undefined; // { key, before, end? } of the test that ran last
    this.broken = false;
    this.spent = (performance.now() - started) / 1000; // seconds not yet reported
  }

  testStarts(key) {
    this.guard((started) => {
      const now = this.fingerprints.take();
      const reported = this.pending !== undefined && this.flush(now, undefined, started);
      this.pending = { key, before: now };
      return reported;
    });
  }

  beforeAll() {
    if (this.pending !== undefined) this.guard((started) => this.flush(this.fingerprints.take(), undefined, started));
  }

  afterAll() {
    if (this.pending === undefined || this.pending.end !== undefined) return;
    this.guard(() => {
      this.pending.end = this.fingerprints.take();
      return false;
    });
  }

  fileEnds() {
    if (this.pending !== undefined)
      this.guard((started) => this.flush(this.fingerprints.take(), this.crossFile, started));
  }

  /** Reports the pending test with the time spent on it since the last report; true. */
  flush(after, kinds, started) {
    const { key, before, end } = this.pending;
    this.pending = undefined;
    const found = changes(before, after, end, kinds, this.fingerprints.options.isMock);
    const seconds = this.spent + (performance.now() - started) / 1000;
    this.spent = 0;
    this.emit(key, found, Math.round(seconds * 1e6) / 1e6);
    return true;
  }

  /** A fingerprint that throws must never fail the user's test: fingerprinting stops for the rest of the file. */
  guard(step) {
    if (this.broken) return;
    const started = performance.now();
    try {
      if (!step(started)) this.spent += (performance.now() - started) / 1000;
    } catch (error) {
      this.broken = true;
      this.pending = undefined;
      process.stderr.write(`polluter: state fingerprints stopped: ${error?.stack ?? error}\n`);
    }
  }
}

module.exports = { CORE_MODULES, Footprints };
