import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findInterpreter } from './interpreter.js';

const HELPER = join(dirname(fileURLToPath(import.meta.url)), 'polluter_cleaner.py');

/** One top-level statement of a cleaner test: its source (dedented), and whether it is a call taken out of an assert. */
export interface CleanerStatement {
  source: string;
  fromAssert: boolean;
}

/** What a cleaner test function does, read by polluter_cleaner.py with Python's own ast (the test is never run). */
export interface CleanerBody {
  async: boolean;
  /** Its parameters: the fixtures pytest gives it. */
  parameters: string[];
  /** It takes `*args` or `**kwargs`. */
  variadic: boolean;
  /** Its decorators' source (`pytest.mark.parametrize(...)`). */
  decorators: string[];
  /** Its statements, asserts left out (the calls in an assert's expression kept, each a statement). */
  statements: CleanerStatement[];
  /** The module-level imports of its file that bind a name it uses, one name each. */
  imports: string[];
  /** Names it uses that its own file defines (a helper, a constant): reachable only from that file. */
  defined: string[];
}

/**
 * The body of the test function `name` (a module-level function) in `file`, read with the project's interpreter;
 * undefined when the file has no such function.
 */
export async function readCleanerBody(
  settings: { projectDir: string; python?: string | undefined },
  file: string,
  name: string,
): Promise<CleanerBody | undefined> {
  const interpreter = await findInterpreter(settings.projectDir, settings.python);
  const { execa } = await import('execa'); // loaded only here: it is a tenth of a second of every start
  const result = await execa(interpreter.executable, [HELPER, join(settings.projectDir, file), name], {
    cwd: settings.projectDir,
    reject: false,
  });
  if (result.exitCode !== 0) return undefined; // a file Python cannot parse: nothing to read
  const answer = JSON.parse(result.stdout) as { found: boolean } & CleanerBody;
  if (!answer.found) return undefined;
  const { found: _found, ...body } = answer;
  return body;
}
