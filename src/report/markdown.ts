import { renderDetectFixesMarkdown } from './detect-fixes.js';
import { leakHint } from './leak-hints.js';
import { culpritGroups, isDetectReport, type DetectReport, type Report } from './detect-report.js';
import { FOUND, type FindReport } from './find-report.js';
import { codeBlock, codeCell, codeSpan, htmlText, plainText } from './markdown-escape.js';

/** With more victims than this, each one's details fold into a `<details>` block under the summary tables. */
export const FOLD_VICTIMS_ABOVE = 3;

export interface MarkdownOptions {
  /** Stop adding victims' details past this many characters (a GitHub comment holds 65,536). */
  maxChars?: number;
}

/** The report for a pull-request comment or `$GITHUB_STEP_SUMMARY` (GitHub Flavored Markdown). */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  if (!isDetectReport(report)) return `## polluter find: ${report.verdict}\n\n${victimSection(report)}\n`;
  return detectMarkdown(report, options.maxChars ?? Infinity);
}

function codes(ids: readonly string[]): string {
  return ids.map(codeSpan).join(', ');
}

/** Everything about one victim: verdict, culprits, trials and the command to paste. */
function victimSection(report: FindReport): string {
  const lines = [
    `- **Victim:** ${codeSpan(report.victim)}`,
    `- **Verdict:** ${report.verdict}${report.reason ? `: ${plainText(report.reason)}` : ''}`,
  ];
  const brittle = report.verdict === 'brittle';
  const sets = brittle ? report.allStateSetters : report.allPolluters;
  const noun = brittle ? 'State-setter' : 'Polluter';
  sets.forEach((set, index) => {
    const title = sets.length > 1 ? `${noun}s #${index + 1}` : set.length > 1 ? `${noun}s` : noun;
    lines.push(`- **${title}:** ${codes(set)}`);
  });
  for (const leak of report.leaks ?? []) {
    const value = (fingerprint: string | null) => (fingerprint === null ? '(absent)' : codeSpan(fingerprint));
    const aliases = leak.aliases?.length ? ` (also ${leak.aliases.map(codeSpan).join(', ')})` : '';
    lines.push(
      `- **Leaked:** ${plainText(leak.kind)} ${codeSpan(leak.name)}${aliases}: ${value(leak.before)} → ${value(leak.after)}, by ${codeSpan(leak.by)}`,
    );
  }
  for (const leak of report.leaks ?? [])
    if (leak.cause) lines.push(`- **Cause:** ${plainText(leak.cause.explanation)}`);
  for (const kind of new Set((report.leaks ?? []).filter((leak) => !leak.cause).map((leak) => leak.kind))) {
    const hint = leakHint(report.runner, kind);
    if (hint) lines.push(`- **Hint** (${plainText(kind)}): ${plainText(hint)}`);
  }
  for (const set of report.cleaners ?? [])
    lines.push(`- **Cleaner** (makes the victim pass again after the polluters): ${codes(set)}`);
  if (report.order) lines.push(`- **Order:** ${plainText(report.order)}`);
  if (report.excluded.length > 0) lines.push(`- **Left out** (ended the process or hung): ${codes(report.excluded)}`);
  if (report.leftovers.modified.length > 0) lines.push(`- **Changed by trials:** ${codes(report.leftovers.modified)}`);
  const resumed = report.resumed > 0 ? `, ${report.resumed} more replayed from the journal` : '';
  lines.push(`- **Trials:** ${report.trials} ${report.runner} processes in ${report.seconds.toFixed(1)} s${resumed}`);
  for (const warning of report.warnings) lines.push(`- **Warning:** ${codeSpan(warning)}`);
  const what = report.verdict === 'polluted' ? 'Reproduce (the victim fails):' : 'The victim alone:';
  lines.push('', what, '', codeBlock(report.reproduce, 'sh'));
  if (brittle && report.passingCommand)
    lines.push('', 'Passes after its state-setters:', '', codeBlock(report.passingCommand, 'sh'));
  return lines.join('\n');
}

function culpritsOf(victim: FindReport): string[] {
  return victim.verdict === 'brittle' ? victim.stateSetters : victim.polluters;
}

/** The victims with those of one culprit group side by side, biggest group first; the others after, as they came. */
function byCulprits(report: DetectReport): FindReport[] {
  const rank = new Map(
    culpritGroups(report).flatMap((group, index) => group.victims.map((victim) => [victim, index] as const)),
  );
  return [...report.victims].sort((a, b) => (rank.get(a.victim) ?? Infinity) - (rank.get(b.victim) ?? Infinity));
}

function detectMarkdown(report: DetectReport, maxChars: number): string {
  const count = (predicate: (victim: FindReport) => boolean) => report.victims.filter(predicate).length;
  const found = count((victim) => FOUND.has(victim.verdict));
  const notReproduced = count((victim) => victim.verdict === 'not-reproduced');
  const failsAlone =
    report.failures.filter((failure) => failure.kind === 'fails-alone').length +
    count((victim) => victim.verdict === 'fails-alone');
  const flaky =
    report.failures.filter((failure) => failure.kind === 'flaky').length +
    count((victim) => victim.verdict === 'flaky');
  const shards = report.shards > 1 ? `, ${report.shards} shards` : '';
  const fromCi = report.rounds.find((round) => round.artifact !== undefined);
  const parts = [
    fromCi ? '## polluter find --failed' : '## polluter detect',
    '',
    '| victims found | not reproduced | plain failures | flaky |',
    '|---:|---:|---:|---:|',
    `| ${found} | ${notReproduced} | ${failsAlone} | ${flaky} |`,
    '',
    `${fromCi ? `The failures of ${codeSpan(fromCi.artifact!)}` : `${report.rounds.length} suite round(s)`}, ${report.trials} ${report.runner} processes in ${report.seconds.toFixed(1)} s${shards}.`,
  ];
  for (const warning of report.warnings) parts.push('', `**Warning:** ${codeSpan(warning)}`);
  if (report.victims.length > 0) {
    parts.push('', '| victim | verdict | polluters / state-setters |', '|---|---|---|');
    for (const victim of byCulprits(report))
      parts.push(
        `| ${codeCell(victim.victim)} | ${victim.verdict} | ${culpritsOf(victim).map(codeCell).join('<br>')} |`,
      );
  }
  // Victims of the same culprits (one fix may answer them all): counted here, side by side in the table above.
  const shared = culpritGroups(report).filter((group) => group.victims.length > 1);
  if (shared.length > 0) {
    parts.push('', '| shared polluters / state-setters | victims |', '|---|---:|');
    for (const group of shared)
      parts.push(`| ${group.culprits.map(codeCell).join('<br>')} | ${group.victims.length} |`);
  }
  if (report.failures.length > 0) {
    parts.push('', '| failure (not order-dependent) | kind | failed alone |', '|---|---|---:|');
    for (const failure of report.failures)
      parts.push(`| ${codeCell(failure.id)} | ${failure.kind} | ${failure.failures} of ${failure.runs} |`);
  }
  const fold = report.victims.length > FOLD_VICTIMS_ABOVE;
  let text = `${parts.join('\n')}\n`;
  // detect --fix: the diffs come before the victims' details, which are cut first when the comment is too long.
  if (report.fixes && report.fixes.length > 0) {
    const fixes = `\n${renderDetectFixesMarkdown(report.fixes)}`;
    text +=
      text.length + fixes.length > maxChars
        ? '\nThe fixes are left out here for length; the JSON report has them (`fixes`).\n'
        : fixes;
  }
  for (const [index, victim] of report.victims.entries()) {
    const section = fold
      ? `\n<details><summary><code>${htmlText(victim.victim)}</code>: ${victim.verdict}</summary>\n\n${victimSection(victim)}\n\n</details>\n`
      : `\n### ${codeSpan(victim.victim)}\n\n${victimSection(victim)}\n`;
    if (text.length + section.length > maxChars) {
      text += `\n${report.victims.length - index} more victim(s) left out here for length; the JSON report has them all.\n`;
      break;
    }
    text += section;
  }
  return text;
}
