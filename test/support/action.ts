// action.yml's steps run as GitHub's runner runs a composite action: each step with bash, `${{ inputs.x }}` filled in.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './cli.ts';

interface Step {
  name: string;
  id?: string;
  shell: string;
  run: string;
  'working-directory'?: string;
  env?: Record<string, string>;
}
export interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: Step[] };
}

export const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** `${{ inputs.x }}` as the runner fills it in: the input given, else its default. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    assert.ok(name in action.inputs, `action.yml uses inputs.${name}, which it does not declare`);
    return inputs[name] ?? action.inputs[name]!.default ?? '';
  });
}

/**
 * Runs every step of action.yml with bash, as the runner does, in `workspace`; returns the last step's result.
 * `github` is the rest of the step's environment (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, …).
 */
export async function runAction(inputs: Record<string, string>, github: Record<string, string>, workspace: string) {
  let last;
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(String(value), inputs)]),
    );
    const cwd = step['working-directory'] === '${{ github.action_path }}' ? ROOT : workspace;
    last = await execa('bash', ['-e', '-c', step.run], {
      cwd,
      reject: false,
      env: { GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, NO_COLOR: '1', ...github, ...env },
    });
    if (last.exitCode !== 0 && step.id !== 'polluter') assert.fail(`step ${step.name} failed: ${last.stderr}`);
  }
  return last!;
}
