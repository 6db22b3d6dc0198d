import type { Leak } from '../report/leaks.js';
import type { RunnerName } from '../runners/runner.js';

/** One file a fix writes: its text before (null: the fix creates it) and after, by its path from the project root. */
export interface FileEdit {
  file: string;
  before: string | null;
  after: string;
}

/** How far a fix reaches: every test under a conftest or config (project-wide), or only the polluters' own files. */
export type FixScope = 'project-wide' | 'local';

/** A patch proposed for one or more leaks, before it is proven. */
export interface FixCandidate {
  /** The kind of leak it answers (`cache`, `env`, …; several joined with `+`). */
  kind: string;
  /** What it does, in a few words: `lru_cache cleared in an autouse fixture`. */
  strategy: string;
  scope: FixScope;
  /** Why this fixes the victim, in a sentence or two. */
  explanation: string;
  edits: FileEdit[];
}

/** What a strategy needs to know to write its patch: the project as it is, and who leaked what. */
export interface FixContext {
  /** The project (or its scratch copy, unpatched): files are read from here. */
  projectDir: string;
  runner: RunnerName;
  victim: string;
  /** The tests whose leaks the fix must undo (the polluters). */
  culprits: readonly string[];
  /** The file of a test id, relative to the project root. */
  fileOf: (id: string) => string;
  readFile: (file: string) => Promise<string | null>;
}

/** One kind of leak's fix, in the idiom of one runner: the edits for these leaks at this scope, or none. */
export interface Strategy {
  kind: string;
  runner: RunnerName | 'js';
  /** Whether this strategy answers the leak (a `global` left as a mock is answered by the mock strategy). */
  answers(leak: Leak): boolean;
  /** A short description of the strategy at a scope, for the report. */
  describe(scope: FixScope): string;
  /** The edits (applied one after the other to the same files), or undefined when it cannot write one. */
  edit(leaks: readonly Leak[], scope: FixScope, context: FixContext, files: FileSet): Promise<string | undefined>;
}

/** Files being edited by a candidate: each read once, changed in place by the strategies, then turned into edits. */
export class FileSet {
  private readonly files = new Map<string, { before: string | null; text: string }>();
  constructor(private readonly read: (file: string) => Promise<string | null>) {}

  async text(file: string): Promise<string | null> {
    const known = this.files.get(file);
    if (known) return known.text;
    const before = await this.read(file);
    if (before !== null) this.files.set(file, { before, text: before });
    return before;
  }

  async write(file: string, text: string): Promise<void> {
    const known = this.files.get(file);
    if (known) known.text = text;
    else this.files.set(file, { before: await this.read(file), text });
  }

  edits(): FileEdit[] {
    return [...this.files.entries()]
      .filter(([, { before, text }]) => before !== text)
      .map(([file, { before, text }]) => ({ file, before, after: text }))
      .sort((a, b) => a.file.localeCompare(b.file));
  }
}
