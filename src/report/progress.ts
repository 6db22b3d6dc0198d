import pc from 'picocolors';
import type { Outcome, SearchEvent } from '../search/types.js';

const OUTCOME_COLOUR: Record<Outcome, (text: string) => string> = { fail: pc.red, pass: pc.green, unknown: pc.yellow };

export interface ProgressPrinter {
  /** Every event of the search (and of the cleaner search after it). */
  onEvent(event: SearchEvent<string>): void;
  /**
   * A trial starts: called from the oracle, which the search calls in the order it numbers trials. Lines come out in
   * that order, so trials run side by side (--jobs) never print `trial 2` before `trial 1`.
   */
  trialStarted(): void;
  /** The next trial's number, when a search numbers on from an earlier one (the cleaner search). */
  numberFrom(first: number): void;
}

/** The order's name in a sentence: "the collected order", but "all other tests". */
const theOrder = (label: string) => (/^all\b/.test(label) ? label : `the ${label}`);
const predecessors = (count: number) => `${count} predecessor${count === 1 ? '' : 's'}`;

/**
 * One line per trial on stderr, so a long search shows where it is, in trial order. `firstOrder` is the label of the
 * order the search starts from (given or collected): when another one reproduces, a line says so.
 */
export function progressPrinter(
  write: (line: string) => void,
  options: { firstOrder?: string | undefined } = {},
): ProgressPrinter {
  // Lines waiting for an earlier trial's line; a trial's entry has no line until it ends.
  const queue: { trial?: number | undefined; line?: string | undefined }[] = [];
  let nextTrial = 1;
  let aloneRuns = 0;
  let aloneFailures = 0;
  // Rounds of a bisection, numbered as shown: a round answered from memory runs no trial and prints no line.
  let shownRounds = new Map<string, number>();

  const flush = () => {
    while (queue.length > 0 && queue[0]!.line !== undefined) write(queue.shift()!.line!);
  };
  const say = (line: string) => {
    if (queue.length === 0) write(line);
    else queue.push({ line });
  };
  const roundOf = (phase: string, round: number | undefined) => {
    if (round === undefined) return '';
    const key = `${phase} ${round}`;
    if (!shownRounds.has(key))
      shownRounds.set(key, [...shownRounds.keys()].filter((shown) => shown.startsWith(`${phase} `)).length + 1);
    return ` round ${shownRounds.get(key)}`;
  };

  const trialLine = (event: Extract<SearchEvent<string>, { type: 'trial' }>) => {
    if (event.phase === 'alone') {
      aloneRuns += 1;
      if (event.outcome === 'fail') aloneFailures += 1;
    }
    if (event.phase !== 'bisect' && event.phase !== 'ddmin') shownRounds = new Map();
    const round = roundOf(event.phase, event.round);
    const seconds = event.seconds === undefined ? '' : `  ${event.seconds.toFixed(2)} s`;
    const ran = event.size === 0 ? 'the victim alone' : `${event.size} of ${event.candidates} candidates`;
    return `trial ${String(event.trial).padStart(3)}  ${`${event.phase}${round}`.padEnd(16)} ${ran} → ${OUTCOME_COLOUR[event.outcome](event.outcome)}${seconds}`;
  };

  const reproducedLines = (label: string, size: number): string[] => {
    // A victim that fails alone (brittle): the order that makes it pass is the one being minimized.
    const brittle = aloneRuns > 0 && aloneFailures === aloneRuns;
    const first = options.firstOrder;
    const foundItself = first !== undefined && label !== first && !label.startsWith(`${first}, chunk `);
    const lines: string[] = [];
    if (foundItself) {
      lines.push(
        brittle
          ? `${theOrder(first)} did not make the victim pass; polluter found an order that does itself: ${label}`
          : `${theOrder(first)} passed; polluter found a failing order itself: ${label}`,
      );
    }
    lines.push(
      brittle
        ? `the victim passed after ${theOrder(label)} (${predecessors(size)}); minimizing the tests it needs`
        : `reproduced with ${theOrder(label)} (${predecessors(size)}); minimizing`,
    );
    return lines;
  };

  return {
    trialStarted() {
      queue.push({ trial: nextTrial });
      nextTrial += 1;
    },
    numberFrom(first) {
      nextTrial = first;
    },
    onEvent(event) {
      if (event.type !== 'trial') shownRounds = new Map();
      switch (event.type) {
        case 'trial': {
          const line = trialLine(event);
          const entry = queue.find((waiting) => waiting.trial === event.trial && waiting.line === undefined);
          if (entry) entry.line = line;
          else write(line); // a trial this printer did not see start: nothing to wait for
          break;
        }
        case 'excluded':
          say(pc.yellow(`left out ${event.id}: it ended the process or hung before the victim ran`));
          break;
        case 'order-reproduced':
          reproducedLines(event.label, event.size).forEach(say);
          break;
        case 'guided':
          say(
            event.hit
              ? `the ${event.suspects} test(s) that left state changed reproduce it: minimizing among them, not all ${event.size}`
              : `the ${event.suspects} test(s) that left state changed do not reproduce it alone: searching all ${event.size}`,
          );
          break;
        case 'recorded':
          say(
            event.hit
              ? `the ${event.suspects} recorded test(s) that left state changed reproduce it: minimizing among them, the ${event.size} tests of the order are not run`
              : event.tried
                ? `the ${event.suspects} recorded test(s) that left state changed do not reproduce it here: falling back to the search of the whole order (${event.size} tests)`
                : `the record names ${event.suspects === 0 ? 'no test' : 'every test'} before the victim as leaving state changed: falling back to the search of the whole order (${event.size} tests)`,
          );
          break;
        case 'found':
          say(`found ${event.set.length === 1 ? event.set[0] : `${event.set.length} tests`}; verifying`);
          break;
        case 'cleaner':
          say(`cleaner: ${event.set.join(', ')} makes the victim pass again after the polluters`);
          break;
      }
      flush();
    },
  };
}
