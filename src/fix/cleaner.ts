// The cleaner strategy, its pure part: what a cleaner test does, written as an autouse fixture that runs it after the
// polluters only, and the minimisation of its statements (each try proven by the caller).
import type { CleanerBody } from '../runners/pytest/cleaner-body.js';
import { addFixture, pyName, pyString } from './python.js';
import type { FileSet } from './types.js';

/** Why a cleaner's body cannot be written into the polluter's module; undefined when it can. */
export function unusableBody(body: CleanerBody, sameModule: boolean): string | undefined {
  if (body.async) return 'it is a coroutine (async def)';
  if (body.variadic) return 'it takes *args or **kwargs';
  const parametrized = body.decorators.find((decorator) => /\bparametrize\b/.test(decorator));
  if (parametrized !== undefined) return `its arguments come from @${parametrized.split('(')[0]}, not from fixtures`;
  if (body.statements.length === 0) return 'it has no statement but its asserts';
  if (!sameModule && body.defined.length > 0)
    return `it uses ${body.defined.join(', ')}, defined in its own module, which the polluter's module does not see`;
  return undefined;
}

/** The name a test id ends with, as pytest's `request.node.name` has it: `test_x[param]`. */
export function nodeName(id: string): string {
  return id.split('::').at(-1)!;
}

export interface CleanerFixture {
  /** The cleaner test whose statements the fixture runs. */
  cleaner: string;
  body: CleanerBody;
  /** The polluters whose module gets the fixture (it runs the statements after these tests only). */
  polluters: readonly string[];
  /** The indexes of the statements kept (all, before the minimisation). */
  kept: readonly number[];
  /** The fixture goes in the cleaner's own module: its imports are already there. */
  sameModule: boolean;
}

/** Adds the autouse fixture that runs the kept statements of the cleaner after each of the polluters of `file`. */
export async function addCleanerFixture(files: FileSet, file: string, fixture: CleanerFixture): Promise<void> {
  const { body, kept, cleaner, polluters } = fixture;
  const names = polluters.map((id) => pyString(nodeName(id)));
  const parameters = [...new Set(['request', ...body.parameters])];
  const statements = kept.map((index) => body.statements[index]!.source);
  const imports = fixture.sameModule ? [] : body.imports;
  await addFixture(files, file, {
    name: `_clean_like_${pyName(nodeName(cleaner))}`,
    imports: [],
    parameters,
    docstring: `After ${polluters.join(', ')}: what the cleaner test ${cleaner} does (its asserts left out).`,
    body: [
      'yield',
      `if request.node.name in (${names.join(', ')}${names.length === 1 ? ',' : ''}):`,
      ...[...imports, ...statements].flatMap((source) => source.split('\n').map((line) => `    ${line}`)),
    ],
  });
}

/** The statements of the body a fixture runs, as the explanation quotes them: `db.clear()`; `conn.commit()`. */
export function quoted(body: CleanerBody, kept: readonly number[]): string {
  return kept.map((index) => `\`${body.statements[index]!.source.replace(/\s*\n\s*/g, ' ')}\``).join('; ');
}

export interface Minimised {
  kept: number[];
  /** Proofs made (each a candidate proven by re-runs). */
  tries: number;
  /** The budget ran out before every statement was tried. */
  exhausted: boolean;
}

/**
 * Drops the statements one at a time, first to last, keeping a drop when the smaller set still proves: what is
 * left is 1-minimal when the budget lasts (no single statement of it can go). `proves` makes one proof.
 */
export async function minimiseStatements(
  count: number,
  proves: (kept: readonly number[]) => Promise<boolean>,
  budget: number,
): Promise<Minimised> {
  let kept = [...Array(count).keys()];
  let tries = 0;
  for (const index of [...kept]) {
    if (kept.length === 1) break;
    if (tries >= budget) return { kept, tries, exhausted: true };
    const without = kept.filter((each) => each !== index);
    tries++;
    if (await proves(without)) kept = without;
  }
  return { kept, tries, exhausted: false };
}
