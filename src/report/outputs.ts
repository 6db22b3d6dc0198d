import { appendFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { outputNotWritable } from '../errors.js';
import { inert, printable } from '../printable.js';
import { isDetectReport, type Report } from './detect-report.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderDetectText } from './detect-text.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One rendering of the report: a format, and a file to write it to (stdout without one). */
export interface OutputSpec {
  format: ReportFormat;
  file?: string | undefined;
  /** Add to the end of the file instead of replacing it (`$GITHUB_STEP_SUMMARY`). */
  append?: boolean | undefined;
}

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    // Read in a terminal or on a web page: no raw control characters from test ids and names.
    case 'text':
      // User data made printable first, then polluter's colours added: the colours reach a terminal as colours.
      return isDetectReport(report) ? renderDetectText(inert(report)) : renderText(inert(report));
    case 'markdown':
      return printable(renderMarkdown(report), { lines: true });
    case 'junit':
      return renderJunit(report);
  }
}

/** Where reports without a file go, and where a warning about one that could not be written goes (a command's io). */
export interface ReportIo {
  stdout(text: string, options?: { coloured?: boolean }): void;
  progress(line: string): void;
}

/** Writes every requested rendering of the report; a file appears whole or not at all. */
export async function writeReports(report: Report, outputs: readonly OutputSpec[], io: ReportIo): Promise<void> {
  for (const output of outputs) {
    const rendered = renderReport(report, output.format);
    if (output.file === undefined) {
      io.stdout(rendered, { coloured: output.format === 'text' });
      continue;
    }
    // A file is read later, elsewhere: no colours in it (the only escape sequences left in text are polluter's).
    const text = output.format === 'text' ? stripVTControlCharacters(rendered) : rendered;
    if (output.append) {
      // The step summary is a courtesy: a search that ran for an hour does not fail over it.
      await appendFile(output.file, `${text}\n`).catch((error: unknown) =>
        io.progress(`warning: could not add the report to ${output.file}: ${String(error)}`),
      );
    } else await writeAtomically(output.file, text);
  }
}

/** A temp file beside the target, then a rename: readers never see half a report. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw outputNotWritable(file, error instanceof Error ? error.message : String(error));
  }
}
