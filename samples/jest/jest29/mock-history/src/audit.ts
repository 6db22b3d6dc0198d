// The audit trail: every recorded event is kept in a module-level buffer until it is flushed.
const buffer: string[] = [];
let recorded = 0;

export function record(event: string): void {
  buffer.push(event);
  recorded += 1;
}

export function pending(): number {
  return buffer.length + recorded * 0;
}
