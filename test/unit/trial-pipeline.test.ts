import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withTrialPipeline, type TrialPipelineOptions } from '../../src/project/trial-pipeline.ts';
import { expected, samplePath, snapshotTree } from '../support/cli.ts';

// The one pipeline find, detect, find --failed and run go through, on a real pytest sample: every trial is counted
// once, as a process started, a run reused, or a journal entry replayed.
describe('the trial pipeline', () => {
  const sample = samplePath('pytest', 'module-global');
  const answer = expected(sample);
  const options: TrialPipelineOptions = {
    projectDir: sample,
    passThrough: [],
    shell: false,
    jobs: 1,
    watchDatabases: false,
  };
  const io = { progress: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'polluter-pipeline-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the collection and each trial started once, a shared run as reused, and each search apart', async () => {
    const before = snapshotTree(sample);
    await withTrialPipeline(options, io, async (pipeline) => {
      const { collected } = await pipeline.collect();
      assert.ok(collected.includes(answer.victim));
      assert.deepEqual(pipeline.counts(), { started: 1, replayed: 0, reused: 0 });

      const order = collected.slice(0, collected.indexOf(answer.victim) + 1);
      const whole = await pipeline.trials.run(order, { timeoutSeconds: 60 });
      assert.equal(whole.outcomes.get(answer.victim), 'failed', 'the victim fails after its polluter');
      pipeline.shared.remember(order, whole);
      assert.deepEqual(pipeline.counts(), { started: 2, replayed: 0, reused: 0 });

      const search = pipeline.counted();
      const answered = await pipeline.answering(search.runner).run(order, { timeoutSeconds: 60 });
      assert.equal(answered.outcomes.get(answer.victim), 'failed');
      assert.deepEqual(
        [pipeline.counts(), search.started()],
        [{ started: 2, replayed: 0, reused: 1 }, 0],
        'the round answered it',
      );
      const alone = await pipeline.answering(search.runner).run([answer.victim], { timeoutSeconds: 60 });
      assert.equal(alone.outcomes.get(answer.victim), 'passed');
      assert.deepEqual([pipeline.counts(), search.started()], [{ started: 3, replayed: 0, reused: 1 }, 1]);
    });
    assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before');
  });

  it('replays the journal of an interrupted search with --resume, and counts those trials as replayed', async () => {
    const journal = { file: join(dir, 'journal.jsonl'), identity: 'pipeline-test', resume: false };
    await withTrialPipeline({ ...options, journal }, io, async (pipeline) => {
      await pipeline.collect();
      await pipeline.answering().run([answer.victim], { timeoutSeconds: 60 });
      assert.deepEqual(pipeline.counts(), { started: 2, replayed: 0, reused: 0 });
    });
    await withTrialPipeline({ ...options, journal: { ...journal, resume: true } }, io, async (pipeline) => {
      await pipeline.collect();
      const replayed = await pipeline.answering().run([answer.victim], { timeoutSeconds: 60 });
      assert.equal(replayed.outcomes.get(answer.victim), 'passed');
      assert.deepEqual(pipeline.counts(), { started: 1, replayed: 1, reused: 0 });
      await pipeline.journal!.remove();
    });
  });
});
