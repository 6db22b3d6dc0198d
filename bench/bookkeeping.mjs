#!/usr/bin/env node
// The search's own cost, without any runner: one polluter among N ids (pytest-like node ids), an oracle that
// answers at once. Prints the trials, the milliseconds of bookkeeping per trial and the heap growth, for N up to
// 50,000, so that a big suite's id list is seen not to slow the search itself. Run after `npm run build`, as
// `node --expose-gc bench/bookkeeping.mjs` (a collection before each N, so the heap starts clean).
import { findMinimalSet } from '../dist/search/find.js';
import { candidateOrders } from '../dist/order/candidate-orders.js';

for (const n of [1000, 10000, 50000]) {
  const ids = Array.from(
    { length: n },
    (_, index) => `tests/test_module_${Math.floor(index / 20)}.py::test_case_${index}[param-${index}]`,
  );
  const victim = ids[n - 1];
  const polluter = ids[Math.floor(n * 0.37)];
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const { orders } = candidateOrders(ids, victim);
  // Fails the victim exactly when the polluter ran before it: the whole cost measured is the search's.
  let peak = 0;
  const oracle = async (predecessors) => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { outcome: predecessors.includes(polluter) ? 'fail' : 'pass', seconds: 0 };
  };
  const result = await findMinimalSet(oracle, { orders, repeat: 2, all: false, chunkTrialBudget: 64, key: (id) => id });
  const ms = performance.now() - started;
  const heap = (peak - heapBefore) / 1e6; // the most the heap held during the search, garbage included
  const right = result.polluters.length === 1 && result.polluters[0] === polluter;
  console.log(
    `N=${String(n).padStart(6)}: ${right ? 'right' : 'WRONG'}, ${result.trials} trials, ${ms.toFixed(1)} ms in all, ` +
      `${(ms / result.trials).toFixed(2)} ms a trial, heap at most +${heap.toFixed(1)} MB`,
  );
}
