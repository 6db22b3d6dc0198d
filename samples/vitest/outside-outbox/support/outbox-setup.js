import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function setup() {
  process.env.OUTBOX_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-sample-'));
}

export function teardown() {
  fs.rmSync(process.env.OUTBOX_DIR, { recursive: true, force: true });
}
