import pc from 'picocolors';
import type { Outcome, SearchEvent } from '../search/types.js';

const OUTCOME_COLOUR: Record<Outcome, (text: string) => string> = { fail: pc.red, pass: pc.green, unknown: pc.yellow };

/** One line per trial on stderr, so a long search shows where it is. */
export function progressPrinter(write: (line: string) => void) {
  return (event: SearchEvent<string>): void => {
    switch (event.type) {
      case 'trial': {
        const round = event.round === undefined ? '' : ` round ${event.round}`;
        const seconds = event.seconds === undefined ? '' : `  ${event.seconds.toFixed(2)} s`;
        const ran = event.size === 0 ? 'the victim alone' : `${event.size} of ${event.candidates} candidates`;
        write(
          `trial ${String(event.trial).padStart(3)}  ${`${event.phase}${round}`.padEnd(16)} ${ran} → ${OUTCOME_COLOUR[event.outcome](event.outcome)}${seconds}`,
        );
        break;
      }
      case 'excluded':
        write(pc.yellow(`left out ${event.id}: it ended the process or hung before the victim ran`));
        break;
      case 'order-reproduced':
        write(`reproduced with the ${event.label} (${event.size} predecessors); minimizing`);
        break;
      case 'guided':
        write(
          event.hit
            ? `the ${event.suspects} test(s) that left state changed reproduce it: minimizing among them, not all ${event.size}`
            : `the ${event.suspects} test(s) that left state changed do not reproduce it alone: searching all ${event.size}`,
        );
        break;
      case 'recorded':
        write(
          event.hit
            ? `the ${event.suspects} recorded test(s) that left state changed reproduce it: minimizing among them, the ${event.size} tests of the order are not run`
            : event.tried
              ? `the ${event.suspects} recorded test(s) that left state changed do not reproduce it here: falling back to the search of the whole order (${event.size} tests)`
              : `the record names ${event.suspects === 0 ? 'no test' : 'every test'} before the victim as leaving state changed: falling back to the search of the whole order (${event.size} tests)`,
        );
        break;
      case 'found':
        write(`found ${event.set.length === 1 ? event.set[0] : `${event.set.length} tests`}; verifying`);
        break;
      case 'cleaner':
        write(`cleaner: ${event.set.join(', ')} makes the victim pass again after the polluters`);
        break;
    }
  };
}
