// Messages waiting to be sent, kept in a JSON file outside the project (its folder in OUTBOX_DIR, under the temp dir).
import fs from 'node:fs';
import path from 'node:path';

const outboxFile = () => path.join(process.env.OUTBOX_DIR, 'outbox.json');

export function pending() {
  try {
    return JSON.parse(fs.readFileSync(outboxFile(), 'utf8'));
  } catch {
    return [];
  }
}

export function enqueue(topic, body) {
  fs.writeFileSync(outboxFile(), JSON.stringify([...pending(), { topic, body }]));
}

/** Drops every message not sent yet (the admin's "empty the outbox"). */
export function purge() {
  fs.rmSync(outboxFile(), { force: true });
}
