// The file polluter's jest and vitest record reporters write: one JSON line per test, in the order the tests started,
// for `polluter find --from-record`. Shared by both reporters; the pytest recorder (polluter_record.py) writes the same.
//
// A line is written when its test starts, so that a test that ends the process or hangs until CI kills the job is still
// there (the last line of its kind, without an outcome). The outcome is written into that same line when the test
// finishes, in padding left for it: each write is one synchronous syscall and the line keeps its length, so the file
// always holds complete JSON lines whatever happens to the process.
const fs = require('node:fs');
const path = require('node:path');

const outcomeText = (outcome) => `,"outcome":${JSON.stringify(outcome)}}`;
const PAD = outcomeText('skipped').length; // the longest outcome
const RECORD_FILE = /^(main|gw\d+)\.jsonl$/;

class RecordFile {
  /** Starts a fresh record in `directory` (created if need be): record files of an earlier run there are removed. */
  constructor(directory, name = 'main') {
    fs.mkdirSync(directory, { recursive: true });
    for (const entry of fs.readdirSync(directory))
      if (RECORD_FILE.test(entry)) fs.rmSync(path.join(directory, entry), { force: true });
    this.path = path.join(directory, `${name}.jsonl`);
    this.fd = fs.openSync(this.path, 'w');
    this.end = 0;
    /** Tests started and not finished: key → offsets of their lines' closing braces, oldest first (same names). */
    this.running = new Map();
  }

  /** Writes the line of a test that starts; `key` finds it again in `finish`. */
  start(key, fields) {
    const line = Buffer.from(JSON.stringify(fields));
    fs.writeSync(
      this.fd,
      Buffer.concat([line, Buffer.from(`${' '.repeat(PAD)}\n`)]),
      0,
      line.length + PAD + 1,
      this.end,
    );
    const offsets = this.running.get(key) ?? [];
    offsets.push(this.end + line.length - 1);
    this.running.set(key, offsets);
    this.end += line.length + PAD + 1;
  }

  /** Writes the outcome into the line of the test; a test that finishes without having started gets its line now. */
  finish(key, fields, outcome) {
    const offsets = this.running.get(key);
    if (!offsets?.length) {
      this.start(key, fields);
      return this.finish(key, fields, outcome);
    }
    const offset = offsets.shift();
    if (offsets.length === 0) this.running.delete(key);
    if (outcome === undefined) return;
    fs.writeSync(this.fd, Buffer.from(outcomeText(outcome).padEnd(PAD + 1)), 0, PAD + 1, offset);
  }

  close() {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

module.exports = { RecordFile };
