/**
 * One test as a CI artifact names it (a log line, a JUnit testcase, a JSON result, a `polluter record` line), before
 * it is matched to an id of the project. Exactly one of `nodeid` (pytest) or `file` + `titles` (jest, vitest) is set.
 */
export interface ArtifactTest {
  /** pytest: the node id as pytest prints it, e.g. `tests/test_x.py::TestY::test_z[1-a]`. */
  nodeid?: string | undefined;
  /** jest / vitest: the test file, absolute or relative to the project directory. */
  file?: string | undefined;
  /** jest / vitest: the describe titles, then the test's title. */
  titles?: string[] | undefined;
  /** jest / vitest: the project's name (jest `displayName`, vitest project name) when the config has several. */
  project?: string | undefined;
  /** The worker that ran it: `gw3` (pytest-xdist), a jest or vitest worker id; absent for a single process. */
  worker?: string | undefined;
  /** How the artifact reported it, when it did. */
  outcome?: 'passed' | 'failed' | 'error' | 'skipped' | undefined;
  /**
   * What the test left changed in its process, from a record made with `polluter record --state` (`[]`: nothing);
   * undefined when the artifact does not say.
   */
  changes?: RecordedChange[] | undefined;
}

/** One change as the recorder writes it, as the trials' helpers do: `[kind, name, before, after]`. */
export type RecordedChange = [kind: string, name: string, before: string | null, after: string | null];
