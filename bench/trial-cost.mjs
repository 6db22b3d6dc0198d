// What one jest or vitest trial costs from polluter's own start of the trial to its end (the runner's `run`, as the
// search calls it: waiting for a warm process included), started cold (POLLUTER_WARM_START=0) and warm, back to back.
// Run after `npm run build`: node bench/trial-cost.mjs [--trials N] [--rounds N] DIR [DIR...]
// Each DIR is a sample project with an expected.json (its victim); each round runs N trials (the victim alone, then
// the victim after the first listed test, alternately) once cold and once warm, in alternating order.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRunner } from '../dist/runners/create.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trials: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' } },
});
const trials = Number(values.trials);
const rounds = Number(values.rounds);

async function series(dir, warm) {
  process.env.POLLUTER_WARM_START = warm ? '1' : '0';
  const tempDir = mkdtempSync(join(tmpdir(), 'polluter-trial-cost-'));
  try {
    const { victim, args = [] } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const passThrough = args[0] === '--' ? args.slice(1) : [];
    const runner = await createRunner({ projectDir: dir, tempDir, passThrough });
    const ids = await runner.list();
    const other = ids.find((id) => id !== victim);
    const seconds = [];
    for (let trial = 0; trial < trials; trial += 1) {
      const order = trial % 2 === 0 || other === undefined ? [victim] : [other, victim];
      const started = performance.now();
      const run = await runner.run(order, { timeoutSeconds: 120 });
      seconds.push((performance.now() - started) / 1000);
      if (!run.outcomes.has(victim)) throw new Error(`${dir}: the victim did not run`);
    }
    return seconds;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => xs.map((x) => x.toFixed(2)).join(' ');
for (const given of positionals) {
  const dir = resolve(given);
  const medians = { cold: [], warm: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const warm of round % 2 === 0 ? [false, true] : [true, false]) {
      const seconds = await series(dir, warm);
      // The first trial of a series has nothing to overlap with (its process starts when it does): left out.
      const later = seconds.slice(1);
      medians[warm ? 'warm' : 'cold'].push(median(later));
      console.log(`${given} ${warm ? 'warm' : 'cold'} round ${round + 1}: ${fmt(seconds)}`);
    }
  }
  const [cold, warm] = [medians.cold, medians.warm].map((xs) => [...xs].sort((a, b) => a - b));
  console.log(
    `${given}: median trial after the first, per round: cold ${fmt(cold)} s, warm ${fmt(warm)} s; ` +
      `warm/cold of the medians ${(median(warm) / median(cold)).toFixed(2)}`,
  );
}
