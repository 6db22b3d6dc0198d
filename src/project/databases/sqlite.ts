// A SQLite database is a file (with its -wal, -shm or -journal beside it while open): snapshotted by copying the
// files into polluter's temp dir, put back by copying them over; a file the trials created is removed.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cannotSnapshot } from '../../errors.js';
import type { DatabaseState, RestoreScope, WatchedDatabases } from './types.js';

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

export class SqliteDatabase implements WatchedDatabases {
  /** The suffixes ('' for the database itself) that existed at the snapshot. */
  private present: string[] = [];

  constructor(
    private readonly file: string,
    private readonly snapshotDir: string,
  ) {}

  describe(): string {
    return `sqlite ${this.file}${this.present.includes('') ? '' : ' (absent now: removed after each trial)'}`;
  }

  async snapshot(): Promise<void> {
    await mkdir(this.snapshotDir, { recursive: true });
    for (const suffix of SIDE_FILES) {
      const source = this.file + suffix;
      const found = await stat(source).catch(() => undefined);
      if (found === undefined) continue;
      if (!found.isFile()) throw cannotSnapshot(this.file, `${source} is not a file`);
      await copyFile(source, this.copyOf(suffix)).catch((error: unknown) => {
        throw cannotSnapshot(this.file, (error as Error).message);
      });
      this.present.push(suffix);
    }
  }

  async restore(scope: RestoreScope): Promise<void> {
    // One file for every worker: put back only while no other trial has it open.
    if (!scope.all) return;
    for (const suffix of SIDE_FILES) {
      if (this.present.includes(suffix)) await copyFile(this.copyOf(suffix), this.file + suffix);
      else await rm(this.file + suffix, { force: true });
    }
  }

  /**
   * Rows are not counted (that would need a SQLite client in polluter): the file's size and digest are measured, so a
   * leak names the file that changed, not the table.
   */
  async measure(): Promise<DatabaseState> {
    const state: DatabaseState = new Map();
    const content = await readFile(this.file).catch(() => undefined);
    if (content !== undefined) {
      const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
      state.set(`file\u0000${this.file}`, {
        kind: 'database-file',
        name: `${basename(this.file)} (sqlite)`,
        value: content.length,
        digest,
      });
    }
    return state;
  }

  async close(): Promise<void> {
    await this.restore({ all: true });
  }

  private copyOf(suffix: string): string {
    return join(this.snapshotDir, `db${suffix}`);
  }
}
