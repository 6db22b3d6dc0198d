// action.yml at the repository root: a composite action whose inputs and outputs match what its script reads and
// writes (src/commands/action.ts), each documented in docs/ci.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ACTION_INPUTS, ACTION_OUTPUTS, actionInputs, inputVariable } from '../../src/commands/action.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: { using: string; steps: { id?: string; run: string; shell: string; env?: Record<string, string> }[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
const docs = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
const documented = (name: string) => new RegExp(`^\\| \`${name}\` \\|`, 'm').test(docs);

describe('action.yml', () => {
  it('is a composite action whose step runs the script in dist/ with every input in its variable', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    const step = action.runs.steps.find((candidate) => candidate.id === 'polluter')!;
    assert.equal(step.run.trim(), 'node "$GITHUB_ACTION_PATH/dist/action.js"');
    assert.deepEqual(Object.keys(action.inputs).sort(), [...ACTION_INPUTS].sort());
    assert.deepEqual(
      step.env,
      Object.fromEntries(ACTION_INPUTS.map((name) => [inputVariable(name), `\${{ inputs.${name} }}`])),
    );
  });

  it('declares the outputs the script writes, each from the step that writes it', () => {
    assert.deepEqual(Object.keys(action.outputs).sort(), [...ACTION_OUTPUTS].sort());
    for (const [name, output] of Object.entries(action.outputs))
      assert.equal(output.value, `\${{ steps.polluter.outputs.${name} }}`);
  });

  it('describes every input and output, in action.yml and in docs/ci.md', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      assert.ok(input.description && input.description.length > 20, `input ${name} has a description`);
      assert.ok(documented(name), `input ${name} has a row in docs/ci.md`);
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      assert.ok(output.description, `output ${name} has a description`);
      assert.ok(documented(name), `output ${name} has a row in docs/ci.md`);
    }
  });

  it("takes its defaults as the script's, and refuses a bad value with expected and got", () => {
    const defaults = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [inputVariable(name), input.default ?? '']),
    );
    const inputs = actionInputs({ ...defaults, INPUT_GITHUB_TOKEN: 'token' });
    assert.equal(inputs.command, 'find-failed');
    assert.equal(inputs.commentMode, 'failures');
    assert.deepEqual(inputs.formats, ['json', 'markdown', 'junit']);
    assert.equal(inputs.fix, false);
    assert.equal(actionInputs({ INPUT_FIX: 'true' }).fix, true);
    assert.throws(() => actionInputs({ INPUT_FIX: 'yes' }), /input fix: expected true, false; got yes/);
    assert.deepEqual(actionInputs({ INPUT_ARGS: "--jobs 2 --before-trial 'dropdb test; createdb test'" }).args, [
      '--jobs',
      '2',
      '--before-trial',
      'dropdb test; createdb test',
    ]);
    assert.throws(
      () => actionInputs({ INPUT_ARGS: '--jobs 2; rm -rf /' }),
      /input args: expected polluter options \(no shell operators, no variables\); got \{"op":";"\}/,
    );
    assert.throws(
      () => actionInputs({ INPUT_FORMATS: 'markdown,html' }),
      /input formats: expected a list of json, markdown, junit; got html/,
    );
    assert.throws(
      () => actionInputs({ INPUT_PULL_REQUEST: '#7' }),
      /input pull-request: expected a pull request number; got #7/,
    );
  });

  it('ships in the package, so that a project can use it from node_modules/polluter', () => {
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    assert.ok(files.includes('action.yml'));
  });
});
