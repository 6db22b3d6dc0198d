// Printing the benchmark's results: one plain-text table with aligned columns, and notes under it.

const COLUMNS = [
  { title: 'runner', value: (row) => row.runner },
  { title: 'scenario', value: (row) => row.scenario },
  { title: 'N', value: (row) => String(row.n), right: true },
  { title: 'ms/test', value: (row) => String(row.ms), right: true },
  { title: 'jobs', value: (row) => String(row.jobs ?? 1), right: true },
  { title: 'trials', value: (row) => (row.trials == null ? '-' : String(row.trials)), right: true },
  { title: 'find s', value: (row) => seconds(row.findSeconds), right: true },
  { title: 'floor s', value: (row) => seconds(row.floorSeconds), right: true },
  { title: 'find/floor', value: (row) => ratio(row.ratio), right: true },
  // polluter's own peak resident memory (the search's bookkeeping, its reports, node itself), not the runner's.
  { title: 'peak MB', value: (row) => (row.peakMb == null ? '-' : row.peakMb.toFixed(0)), right: true },
  { title: 'right?', value: (row) => (row.error ? 'error' : row.right ? 'yes' : 'NO') },
  // What fingerprinting the process state around each test costs, as the plugin timed it, ms per test.
  // Scenario record: what `record --state` adds to a plain `polluter record` of the suite, fastest of each.
  {
    title: 'record --state',
    value: (row) =>
      row.recordCost == null ? '-' : `${row.recordCost >= 0 ? '+' : ''}${(row.recordCost * 100).toFixed(1)}%`,
    right: true,
  },
  {
    title: 'state ms/test',
    value: (row) => (row.stateMsPerTest == null ? '-' : row.stateMsPerTest.toFixed(2)),
    right: true,
  },
];

function seconds(value) {
  if (value == null) return '-';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function ratio(value) {
  if (value == null || !Number.isFinite(value)) return '-';
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** The rows as one table, a header and a rule on top. */
export function formatTable(rows) {
  const cells = rows.map((row) => COLUMNS.map((column) => column.value(row)));
  const widths = COLUMNS.map((column, i) => Math.max(column.title.length, ...cells.map((line) => line[i].length)));
  const line = (values) =>
    values
      .map((value, i) => (COLUMNS[i].right ? value.padStart(widths[i]) : value.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map((column) => column.title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map(line),
  ].join('\n');
}

/** One line per row that needs a word: a wrong answer, an error, a floor run that did not behave as designed. */
export function formatNotes(rows) {
  const notes = [];
  for (const row of rows) {
    const label = `${row.runner} ${row.scenario} N=${row.n} ${row.ms} ms, ${row.jobs ?? 1} job(s)`;
    if (row.error) notes.push(`${label}: ${row.error}`);
    else if (!row.right) {
      const found = row.polluters?.length ? row.polluters.join(', ') : 'none';
      notes.push(`${label}: verdict ${row.verdict}, found ${found}; expected ${row.expected.join(', ')}`);
    }
    for (const note of row.notes ?? []) notes.push(`${label}: ${note}`);
  }
  return notes;
}
