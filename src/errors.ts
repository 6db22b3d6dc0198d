// Every error a user can cause is built here, so they all read the same way: what was wrong, what to do.

/** Bad input: one line on stderr, exit status 2, nothing written. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export function unknownTestId(id: string, closest: readonly string[]): UsageError {
  const hint = closest.length > 0 ? `; closest: ${closest.map((candidate) => `'${candidate}'`).join(', ')}` : '';
  return new UsageError(`unknown test id '${id}'${hint} (polluter list prints every id)`);
}

export function victimNotInOrderFile(id: string, file: string): UsageError {
  return new UsageError(`the victim '${id}' is not in the order file ${file}`);
}

export function unreadableFile(what: string, file: string, cause: unknown): UsageError {
  const reason = cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'no such file' : String(cause);
  return new UsageError(`cannot read the ${what} ${file}: ${reason}`);
}

export function collectionFailed(runner: string, message: string): UsageError {
  return new UsageError(`${runner} could not collect the project's tests:\n${message.trimEnd()}`);
}

export function pytestSeed(): UsageError {
  return new UsageError(
    "--seed reproduces jest's and vitest's seeded shuffles; for pytest-randomly, save the order of that seed (pytest -p randomly --randomly-seed=N --collect-only -q > order.txt) and pass it with --order-file",
  );
}
