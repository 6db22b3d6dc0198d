import pc from 'picocolors';
import type { FindReport } from './find-report.js';
import { leakHint } from './leak-hints.js';

const VERDICT_COLOUR = {
  polluted: pc.red,
  brittle: pc.yellow,
  flaky: pc.magenta,
  'not-reproduced': pc.dim,
  'fails-alone': pc.yellow,
} as const;

/** Each thing the culprits left changed, who left it, and one hint per kind of leak. */
function whatLeaked(report: FindReport): string[] {
  if (report.leaks.length === 0) return [];
  const lines = report.leaks.map(
    (leak, index) =>
      `${pc.bold((index === 0 ? 'Leaked' : '').padEnd(10))} ${leak.kind} ${leak.name}${leak.aliases?.length ? ` (also ${leak.aliases.join(', ')})` : ''}: ${leak.before ?? '(absent)'} → ${leak.after ?? '(absent)'}, by ${leak.by}`,
  );
  for (const leak of report.leaks)
    if (leak.cause) lines.push(`${pc.bold('Cause'.padEnd(10))} ${leak.cause.explanation}`);
  for (const kind of new Set(report.leaks.filter((leak) => !leak.cause).map((leak) => leak.kind))) {
    const hint = leakHint(report.runner, kind);
    if (hint) lines.push(`${pc.bold('Hint'.padEnd(10))} ${kind}: ${hint}`);
  }
  return lines;
}

/** The human summary on stdout; it ends with the command that reproduces the failure. */
export function renderText(report: FindReport): string {
  const lines = [
    `${pc.bold('Victim')}     ${report.victim}`,
    `${pc.bold('Verdict')}    ${VERDICT_COLOUR[report.verdict](report.verdict)}: ${report.reason}`,
  ];
  const sets = report.verdict === 'brittle' ? report.allStateSetters : report.allPolluters;
  const noun = report.verdict === 'brittle' ? 'State-setter' : 'Polluter';
  sets.forEach((set, index) => {
    const title = sets.length > 1 ? `${noun}s #${index + 1}` : set.length > 1 ? `${noun}s` : noun;
    lines.push(`${pc.bold(title.padEnd(10))} ${set.join(`\n${' '.repeat(11)}`)}`);
  });
  if (report.order) lines.push(`${pc.bold('Order')}      ${report.order}`);
  lines.push(...whatLeaked(report));
  (report.cleaners ?? []).forEach((set, index) => {
    const title = index === 0 ? (set.length > 1 ? 'Cleaners' : 'Cleaner') : '';
    lines.push(
      `${pc.bold(title.padEnd(10))} ${set.join(' + ')} (run after the polluters, it makes the victim pass: its code resets the state)`,
    );
  });
  if (report.excluded.length > 0)
    lines.push(`${pc.bold('Left out')}   ${report.excluded.join(', ')} (ended the process or hung until the timeout)`);
  if (report.leftovers.removed.length > 0)
    lines.push(`${pc.bold('Removed')}    ${report.leftovers.removed.join(', ')} (left in the project by trials)`);
  if (report.leftovers.modified.length > 0)
    lines.push(`${pc.bold('Changed')}    ${report.leftovers.modified.join(', ')} (by trials; left as they are)`);
  const resumed = report.resumed > 0 ? `, ${report.resumed} more replayed from the journal` : '';
  lines.push(
    `${pc.bold('Trials')}     ${report.trials} ${report.runner} processes in ${report.seconds.toFixed(1)} s${resumed}`,
  );
  for (const warning of report.warnings) lines.push(`${pc.yellow('warning')}    ${warning}`);
  const what = report.verdict === 'polluted' ? 'Reproduce (the victim fails):' : 'The victim alone:';
  lines.push('', pc.bold(what), `  ${report.reproduce}`);
  if (report.verdict === 'brittle')
    lines.push('', pc.bold('Passes after its state-setter:'), `  ${report.passingCommand}`);
  return `${lines.join('\n')}\n`;
}
