// Reads a CI artifact from disk: checks that it is what its flag says, then parses it with its format's module.
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { artifactOfAnotherFormat, badArtifact, unreadableFile } from '../errors.js';
import type { ArtifactTest } from './artifact-test.js';
import { ArtifactError } from './artifact-error.js';
import { ACCEPTED, detectFormat, FORMAT_FLAGS, FORMAT_NAMES, type ArtifactFormat } from './detect-format.js';
import { parseJsJson } from './js-json.js';
import { parseJunit } from './junit.js';
import { PytestLogParser } from './pytest-log.js';
import { byWorker, parseRecordLine, recordWorker } from './record.js';

/** Every test the artifact names, in its order (a record directory: worker file after worker file). */
export async function readArtifact(format: ArtifactFormat, path: string): Promise<ArtifactTest[]> {
  const flag = FORMAT_FLAGS[format];
  const info = await stat(path).catch((error: unknown) => {
    throw unreadableFile(FORMAT_NAMES[format].replace(/^an? /, ''), path, error);
  });
  try {
    if (info.isDirectory()) {
      if (format !== 'record') throw new ArtifactError('is a directory');
      return await readRecordDirectory(path);
    }
    const detected = detectFormat(await readHead(path));
    if (detected !== format) {
      if (detected === 'log') throw new ArtifactError(`is plain text, not ${FORMAT_NAMES[format]}; ${ACCEPTED}`);
      throw artifactOfAnotherFormat(flag, path, FORMAT_NAMES[detected], FORMAT_NAMES[format], FORMAT_FLAGS[detected]);
    }
    const tests = await parse(format, path);
    if (tests.length === 0)
      throw new ArtifactError(
        format === 'log' ? `has no pytest result lines (pytest prints them with -v); ${ACCEPTED}` : 'names no tests',
      );
    return tests;
  } catch (error) {
    if (error instanceof ArtifactError) throw badArtifact(flag, path, error.message);
    if (error instanceof Error && 'code' in error && typeof error.code === 'string')
      throw unreadableFile(FORMAT_NAMES[format].replace(/^an? /, ''), path, error);
    throw error;
  }
}

async function parse(format: ArtifactFormat, path: string): Promise<ArtifactTest[]> {
  switch (format) {
    case 'log': {
      const parser = new PytestLogParser();
      for await (const line of lines(path)) parser.push(line);
      return parser.tests;
    }
    case 'junit':
      return parseJunit(await readFile(path, 'utf8'));
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new ArtifactError(
          `is not valid JSON (${error instanceof Error ? error.message : String(error)}); a truncated file?`,
        );
      }
      return parseJsJson(value);
    }
    case 'record':
      return readRecordFile(path);
  }
}

async function readRecordDirectory(dir: string): Promise<ArtifactTest[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort(byWorker);
  if (files.length === 0)
    throw new ArtifactError('has no <worker>.jsonl files (polluter record writes one per worker)');
  const tests: ArtifactTest[] = [];
  for (const file of files) {
    const head = await readHead(join(dir, file));
    if (head.length > 0 && detectFormat(head) !== 'record')
      throw new ArtifactError(`has ${file}, which is not a polluter record`);
    tests.push(
      ...(await readRecordFile(join(dir, file)).catch((error: unknown) => {
        throw error instanceof ArtifactError ? new ArtifactError(`${file}: ${error.message}`) : error;
      })),
    );
  }
  return tests;
}

async function readRecordFile(path: string): Promise<ArtifactTest[]> {
  const tests: ArtifactTest[] = [];
  const worker = recordWorker(path);
  let number = 0;
  for await (const line of lines(path)) {
    number += 1;
    const test = parseRecordLine(line, number, worker);
    if (test !== undefined) tests.push(test);
  }
  return tests;
}

/** The first 64 KiB: enough to tell the formats apart without reading a big log twice. */
async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A file's lines, streamed; bytes that are not UTF-8 become U+FFFD (such a name then matches no test id). */
function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}
