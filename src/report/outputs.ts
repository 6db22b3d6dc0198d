import type { CommandIo } from '../commands/io.js';
import { isDetectReport, type Report } from './detect-report.js';
import { renderText } from './text.js';

export type ReportFormat = 'text' | 'json';

/** One rendering of the report: a format, and a file to write it to (stdout without one). */
export interface OutputSpec {
  format: ReportFormat;
  file?: string | undefined;
}

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'text':
      if (isDetectReport(report)) return report.victims.map(renderText).join('\n');
      return renderText(report);
  }
}

/** Writes every requested rendering of the report. */
export async function writeReports(report: Report, outputs: readonly OutputSpec[], io: CommandIo): Promise<void> {
  for (const output of outputs) {
    if (output.file === undefined) io.stdout(renderReport(report, output.format));
  }
}
