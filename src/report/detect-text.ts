import pc from 'picocolors';
import { culpritGroups, type DetectReport } from './detect-report.js';
import { FOUND } from './find-report.js';
import { renderDetectFixesText } from './detect-fixes.js';
import { renderText } from './text.js';

/** The human summary of `detect`: what each round saw, what the failures were, then every victim's answer. */
export function renderDetectText(report: DetectReport): string {
  const lines: string[] = [];
  for (const round of report.rounds) {
    if (round.artifact !== undefined) {
      lines.push(`${pc.bold('CI run')}     ${round.tests} tests in ${round.artifact}, ${round.failed.length} failed`);
      continue;
    }
    const order = round.seed === null ? 'collected order' : `shuffled, seed ${round.seed}`;
    lines.push(
      `${pc.bold(`Round ${round.round}`)}    ${round.tests} tests (${order}), ${round.failed.length} failed, ${round.seconds.toFixed(1)} s`,
    );
  }
  const found = report.victims.filter((victim) => FOUND.has(victim.verdict)).length;
  const shard = report.shard
    ? ` (shard ${report.shard.index}/${report.shard.count})`
    : report.shards > 1
      ? ` (${report.shards} shards)`
      : '';
  lines.push(
    `${pc.bold('Victims')}    ${report.victims.length} order-dependent failure(s)${shard}, ${found} explained`,
  );
  // Several victims of the same culprits: one fix answers them all.
  for (const group of culpritGroups(report).filter((group) => group.victims.length > 1)) {
    lines.push(
      `${pc.bold('Shared')}     ${group.culprits.join(', ')} → ${group.victims.length} victims: ${group.victims.join(', ')}`,
    );
  }
  for (const failure of report.failures) {
    const what = failure.kind === 'flaky' ? pc.magenta('flaky') : pc.yellow('fails alone');
    lines.push(
      `${pc.bold(failure.kind === 'flaky' ? 'Flaky' : 'Failure').padEnd(10)} ${failure.id}: ${what} (${failure.failures} of ${failure.runs} runs alone failed)`,
    );
  }
  lines.push(
    `${pc.bold('Trials')}     ${report.trials} ${report.runner} processes in ${report.seconds.toFixed(1)} s, ${report.reused} more answered by runs already made`,
  );
  for (const warning of report.warnings) lines.push(`${pc.yellow('warning')}    ${warning}`);
  const sections = report.victims.map((victim) => renderText(victim));
  // detect --fix: the fixes last, each with its diff.
  const fixes = report.fixes ? renderDetectFixesText(report.fixes).join('\n').trimStart() : undefined;
  return `${[lines.join('\n'), ...sections, ...(fixes ? [fixes] : [])].join('\n')}\n`;
}
