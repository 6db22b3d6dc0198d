import { UsageError, victimNotInOrderFile } from '../errors.js';
import { readOrderFile } from './order-file.js';

/** Where the order to search comes from: `--order-file`, or a CI artifact (`--from-log`, `--from-junit`, …). */
export type OrderSpec = { kind: 'order-file'; file: string };

/** The order, read and checked before anything of the user's runs; matched to the project's ids after listing. */
export interface OrderSource {
  /** How reports name this order, e.g. `order file`. */
  label: string;
  /** What identifies the order in the journal's key: a resumed search must search the same order. */
  identity: unknown;
  /** The project's ids in the order they ran, up to and including the victim, and the names that matched none. */
  resolve(collected: readonly string[]): { order: string[]; unknown: string[] };
}

export async function openOrderSource(spec: OrderSpec, victim: string): Promise<OrderSource> {
  switch (spec.kind) {
    case 'order-file': {
      const ids = await readOrderFile(spec.file);
      if (!ids.includes(victim)) throw victimNotInOrderFile(victim, spec.file);
      const before = ids.slice(0, ids.indexOf(victim) + 1);
      return {
        label: 'order file',
        identity: ids,
        resolve(collected) {
          const known = new Set(collected);
          return { order: before.filter((id) => known.has(id) || id === victim), unknown: before.filter((id) => !known.has(id)) };
        },
      };
    }
    default:
      throw new UsageError(`unknown order source ${JSON.stringify(spec)}`);
  }
}
