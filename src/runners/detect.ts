import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseIni } from 'ini';
import { parse as parseToml } from 'smol-toml';
import type { RunnerName } from './runner.js';

/** Which runner a project uses, from its config files; undefined when nothing says. */
export async function detectRunner(projectDir: string): Promise<RunnerName | undefined> {
  return (await looksLikePytest(projectDir)) ? 'pytest' : undefined;
}

async function looksLikePytest(projectDir: string): Promise<boolean> {
  const read = (name: string) => readFile(join(projectDir, name), 'utf8').catch(() => undefined);
  const [pytestIni, pyproject, setupCfg, toxIni, conftest] = await Promise.all(
    ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini', 'conftest.py'].map(read),
  );
  if (pytestIni !== undefined || conftest !== undefined) return true;
  if (pyproject !== undefined && hasPytestTable(pyproject)) return true;
  if (setupCfg !== undefined && 'tool:pytest' in parseIni(setupCfg)) return true;
  return toxIni !== undefined && 'pytest' in parseIni(toxIni);
}

function hasPytestTable(pyproject: string): boolean {
  try {
    const tool = parseToml(pyproject).tool as Record<string, unknown> | undefined;
    return tool?.pytest !== undefined; // [tool.pytest.ini_options], or pytest 9's native [tool.pytest]
  } catch {
    return false; // pytest would reject a broken pyproject.toml itself, with a better message
  }
}
