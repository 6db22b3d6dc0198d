// `--format F --output FILE`, repeatable, for every command that writes a report (find, detect, merge); declared in
// options/groups.ts, paired and checked here.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import {
  outputFormatMismatch,
  outputFormatUnknown,
  outputNotWritable,
  outputsOnStdout,
  outputTwice,
} from '../errors.js';
import type { OutputSpec, ReportFormat } from '../report/outputs.js';

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json',
  '.xml': 'junit',
  '.md': 'markdown',
  '.txt': 'text',
};

export interface OutputArgs {
  format?: unknown;
  output?: unknown;
}

function strings(value: unknown): string[] {
  return value === undefined ? [] : [value].flat().map(String);
}

/**
 * Pairs the n-th --format with the n-th --output, and checks every file can be written, before any test runs.
 * A format without an output goes to stdout (at most one); an output without a format takes its extension's.
 * With `GITHUB_STEP_SUMMARY` set, the Markdown report is also appended to that file.
 */
export function outputsFrom(argv: OutputArgs, env: NodeJS.ProcessEnv = process.env): OutputSpec[] {
  const formats = strings(argv.format) as ReportFormat[];
  const files = strings(argv.output);
  const outputs: OutputSpec[] = files.map((file, index) => {
    const looksLike = BY_EXTENSION[extname(file).toLowerCase()];
    const given = formats[index];
    if (given === undefined) {
      if (looksLike === undefined) throw outputFormatUnknown(file);
      return { format: looksLike, file };
    }
    if (looksLike !== undefined && looksLike !== given) throw outputFormatMismatch(file, given, looksLike);
    return { format: given, file };
  });
  const toStdout = formats.length === 0 ? (['text'] as const) : formats.slice(files.length);
  if (toStdout.length > 1) throw outputsOnStdout(toStdout);
  outputs.push(...toStdout.map((format) => ({ format })));

  const seen = new Set<string>();
  for (const { file } of outputs) {
    if (file === undefined) continue;
    if (seen.has(resolve(file))) throw outputTwice(file);
    seen.add(resolve(file));
    checkWritable(file);
  }
  const summary = env.GITHUB_STEP_SUMMARY;
  if (summary) outputs.push({ format: 'markdown', file: summary, append: true });
  return outputs;
}

/** The report is renamed into place from a temp file beside it, so its directory must take new files. */
function checkWritable(file: string): void {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw outputNotWritable(file, 'is a directory');
  const dir = dirname(resolve(file));
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw outputNotWritable(file, `no such directory ${dirname(file)}`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw outputNotWritable(file, `the directory ${dirname(file)} is not writable`);
  }
}
