// `leaks` on a real pytest run: one entry per object (its other names listed), polluter's own paths masked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expected, findJson, polluter, samplePath } from '../support/cli.ts';

describe('leaks', () => {
  const sample = samplePath('pytest', 'shared-settings');
  const answer = expected(sample) as ReturnType<typeof expected> & { aliases: string[] };

  it("names a dict imported into several modules once, with the other names it is imported under, and masks polluter's temp dir", async () => {
    const { report } = await findJson(sample, answer.victim, ['--jobs', '2']);
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.equal(report.leaks.length, 1, JSON.stringify(report.leaks));
    const [leak] = report.leaks as ((typeof report.leaks)[number] & { aliases?: string[] })[];
    assert.equal(leak!.name, answer.leaks![0]!.name);
    assert.deepEqual(leak!.aliases, answer.aliases);
    assert.equal(leak!.before, "'exports'");
    assert.match(leak!.after!, /^'<polluter temp dir>\/slot-\d'$/, "the trial's TMPDIR, masked");
    assert.doesNotMatch(JSON.stringify(report), /polluter-\d+-\w{6}/, 'no run temp dir anywhere in the report');
    assert.ok(!('identity' in leak!), 'how the helper told objects apart stays out of the report');
  });

  it('shows the other names in the text report', async () => {
    const result = await polluter(['find', answer.victim, '--project', sample, '--jobs', '2']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Leaked +global app\.settings\.SETTINGS\['export_dir'\] \(also app\.export\.SETTINGS\['export_dir'\], .*app\.units\.CONFIG\['export_dir'\].*\): 'exports' → '<polluter temp dir>\/slot-\d', by tests\/test_export\.py::test_export_into_a_scratch_dir$/m,
    );
  });
});
