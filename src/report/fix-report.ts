import pc from 'picocolors';
import type { FindReport } from './find-report.js';
import { renderMarkdown } from './markdown.js';
import { codeBlock, plainText } from './markdown-escape.js';
import { renderText } from './text.js';

/** One check of a fix's proof. */
export interface FixCheck {
  name: string;
  passed: boolean;
  detail: string;
  /** `detect --fix`: the victim whose proof ran this check (a shared fix is proven on each victim it repairs). */
  victim?: string | undefined;
}

/** The fix `polluter fix` offers: a patch, and the runs that proved it in a scratch copy of the project. */
export interface FixSection {
  /** A unified diff, paths from the project root, as `git diff` writes it (`git apply` takes it). */
  diff: string;
  /** The files it changes or creates. */
  files: string[];
  /** The kind of leak it answers (`cache`, `env`, `global`, `mock`, `file`; several joined with `+`). */
  kind: string;
  strategy: string;
  /** `project-wide` (a conftest.py, a config) or `local` (the polluters' own files). */
  scope: string;
  explanation: string;
  /** Whether every check passed. */
  verified: boolean;
  /** Runner processes its proof started. */
  trials: number;
  checks: FixCheck[];
  /** With --apply: whether the patch was written into the project. */
  applied: boolean;
}

/** A candidate that was tried and failed, with the check it failed. */
export interface TriedFix {
  /** `detect --fix`: the victim whose proof it failed. */
  victim?: string | undefined;
  kind: string;
  strategy: string;
  scope: string;
  files: string[];
  failed: FixCheck;
}

/** `polluter fix --format json`: the find report and the fix. */
export interface FixReport extends FindReport {
  /** The proven fix, or null when none was proven. */
  fix: FixSection | null;
  /** Candidates tried before the one offered (all of them when none was proven). */
  fixTried: TriedFix[];
  /** Why there is no fix, or which leaks no strategy answers; empty when a fix answers every leak. */
  fixNotes: string[];
}

export function renderFixText(report: FixReport): string {
  const lines = [renderText(report).trimEnd(), ''];
  for (const tried of report.fixTried)
    lines.push(`${pc.bold('Tried')}      ${tried.strategy}: failed ${tried.failed.name} (${tried.failed.detail})`);
  for (const note of report.fixNotes) lines.push(`${pc.bold('Note')}       ${note}`);
  const fix = report.fix;
  if (fix === null) {
    lines.push(`${pc.bold('Fix')}        ${pc.yellow('none proven')}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${pc.bold('Fix')}        ${fix.strategy}${fix.applied ? ' (applied)' : ''}`);
  lines.push(`${pc.bold('Why')}        ${fix.explanation}`);
  lines.push(`${pc.bold('Proof')}      ${fix.checks.map((check) => check.detail).join('; ')} (${fix.trials} runs)`);
  lines.push(
    '',
    pc.bold(fix.applied ? 'Applied:' : 'Patch (git apply it, or run again with --apply):'),
    fix.diff.trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

export function renderFixMarkdown(report: FixReport): string {
  const lines = [renderMarkdown(report).trimEnd(), '', '### Fix', ''];
  const fix = report.fix;
  if (fix === null) lines.push('No fix was proven.');
  else {
    lines.push(`- **Strategy:** ${plainText(fix.strategy)}${fix.applied ? ' (applied)' : ''}`);
    lines.push(`- **Why:** ${plainText(fix.explanation)}`);
    lines.push(`- **Proof:** ${fix.checks.map((check) => plainText(check.detail)).join('; ')} (${fix.trials} runs)`);
    lines.push('', codeBlock(fix.diff, 'diff'));
  }
  for (const tried of report.fixTried)
    lines.push(
      `- **Tried:** ${plainText(tried.strategy)}: failed ${plainText(tried.failed.name)} (${plainText(tried.failed.detail)})`,
    );
  for (const note of report.fixNotes) lines.push(`- **Note:** ${plainText(note)}`);
  return `${lines.join('\n')}\n`;
}
