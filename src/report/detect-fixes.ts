// The fixes of `detect --fix` (and `find --failed --fix`): one per set of polluters, in the terminal and in Markdown.
import pc from 'picocolors';
import type { DetectFix } from './detect-report.js';
import { codeBlock, codeSpan, plainText } from './markdown-escape.js';

function victimsNoun(count: number): string {
  return count === 1 ? '1 victim' : `${count} victims`;
}

/** Why no fix was offered: the candidates tried, each with the check it failed (and where), then the notes. */
function whyNone(fix: DetectFix): string[] {
  const tried = fix.fixTried.map(
    (tried) =>
      `tried ${tried.strategy}: failed ${tried.failed.name} (${tried.failed.detail})${tried.victim && fix.victims.length > 1 ? ` on ${tried.victim}` : ''}`,
  );
  return [...tried, ...fix.fixNotes];
}

/** The proof in one line: how many checks passed on how many victims, in how many runs. */
function proofLine(fix: NonNullable<DetectFix['fix']>): string {
  return `${fix.checks.length} checks passed on ${victimsNoun(fix.repairs.length)} (${fix.trials} runs): ${[...new Set(fix.checks.map((check) => check.name))].join(', ')}`;
}

export function renderDetectFixesText(fixes: readonly DetectFix[]): string[] {
  const lines: string[] = [];
  for (const group of fixes) {
    const who = `${group.polluters.join(', ')} → ${victimsNoun(group.victims.length)}: ${group.victims.join(', ')}`;
    const fix = group.fix;
    if (fix === null) {
      lines.push('', `${pc.bold('Fix')}        ${pc.yellow('none proven')} for ${who}`);
      for (const line of whyNone(group)) lines.push(`${pc.bold('Why not')}    ${line}`);
      continue;
    }
    lines.push(
      '',
      `${pc.bold('Fix')}        ${fix.strategy}: repairs ${victimsNoun(fix.repairs.length)} (${fix.repairs.join(', ')}) of ${group.polluters.join(', ')}`,
    );
    lines.push(`${pc.bold('Why')}        ${fix.explanation}`);
    lines.push(`${pc.bold('Proof')}      ${proofLine(fix)}`);
    for (const tried of group.fixTried)
      lines.push(`${pc.bold('Tried')}      ${tried.strategy}: failed ${tried.failed.name} (${tried.failed.detail})`);
    for (const note of group.fixNotes) lines.push(`${pc.bold('Note')}       ${note}`);
    lines.push(pc.bold('Patch (git apply it, or polluter fix VICTIM --apply):'), fix.diff.trimEnd());
  }
  return lines;
}

export function renderDetectFixesMarkdown(fixes: readonly DetectFix[]): string {
  const parts: string[] = ['### Fixes'];
  for (const group of fixes) {
    const polluters = group.polluters.map(codeSpan).join(', ');
    const fix = group.fix;
    if (fix === null) {
      parts.push(
        '',
        `**No fix proven** for the ${victimsNoun(group.victims.length)} of ${polluters}: ${group.victims.map(codeSpan).join(', ')}`,
        '',
      );
      for (const line of whyNone(group)) parts.push(`- ${plainText(line)}`);
      continue;
    }
    parts.push(
      '',
      `**${plainText(fix.strategy)}**: repairs ${victimsNoun(fix.repairs.length)} of ${polluters}: ${fix.repairs.map(codeSpan).join(', ')}`,
      '',
    );
    parts.push(`- **Why:** ${plainText(fix.explanation)}`);
    parts.push(`- **Proof:** ${plainText(proofLine(fix))}`);
    for (const tried of group.fixTried)
      parts.push(
        `- **Tried:** ${plainText(tried.strategy)}: failed ${plainText(tried.failed.name)} (${plainText(tried.failed.detail)})`,
      );
    for (const note of group.fixNotes) parts.push(`- **Note:** ${plainText(note)}`);
    parts.push('', codeBlock(fix.diff, 'diff'));
  }
  return `${parts.join('\n')}\n`;
}
