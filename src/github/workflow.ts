// What a GitHub Actions step hands back to its workflow: outputs ($GITHUB_OUTPUT) and annotations (workflow commands).
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/** Appends `name` = `value` to the $GITHUB_OUTPUT file, in the multi-line form, whose delimiter no value can contain. */
export function setOutput(file: string, name: string, value: string): void {
  const delimiter = `polluter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  /** The file the annotation is shown on, relative to the repository root. */
  file?: string | undefined;
}

/** One `::error file=…,title=…::message` line, escaped as the runner unescapes it (a name cannot end the command). */
export function annotationCommand(annotation: Annotation): string {
  const properties = [
    annotation.file === undefined ? undefined : `file=${escapeProperty(annotation.file)}`,
    `title=${escapeProperty(annotation.title)}`,
  ];
  return `::${annotation.level} ${properties.filter(Boolean).join(',')}::${escapeData(annotation.message)}\n`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
