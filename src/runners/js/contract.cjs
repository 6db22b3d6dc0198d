// The fingerprint contract (src/runners/fingerprint-contract.ts), as polluter hands it to the jest and vitest helpers
// in POLLUTER_FINGERPRINT: the kinds a row may have, the limits on values and items, how files are walked. The pytest
// helper (polluter_state.py) reads the same variable, so both fingerprint alike.
'use strict';

const VARIABLE = 'POLLUTER_FINGERPRINT';

function readContract(text) {
  if (text === undefined || text === '')
    throw new Error(`polluter: expected the fingerprint contract in ${VARIABLE}, got nothing`);
  const contract = JSON.parse(text);
  const walk = contract?.fileWalk;
  const numbers = [
    contract?.valueLength,
    contract?.items,
    walk?.fullWalkLimitMs,
    walk?.fullWalkFloorMs,
    walk?.fullWalkShare,
    walk?.timedWalks,
    walk?.racyMs,
  ];
  const lists = [contract?.kinds, walk?.skippedDirs, walk?.ownTempPrefixes];
  if (
    !numbers.every((value) => typeof value === 'number') ||
    !lists.every((list) => Array.isArray(list) && list.every((item) => typeof item === 'string'))
  ) {
    throw new Error(`polluter: expected the fingerprint contract in ${VARIABLE}, got ${text.slice(0, 200)}`);
  }
  return contract;
}

const CONTRACT = readContract(process.env[VARIABLE]);
const KINDS = new Set(CONTRACT.kinds);

/** `rows` itself, once every row's kind is one of the contract's; an error naming the first that is not. */
function checkRows(rows) {
  for (const row of rows) {
    if (!KINDS.has(row[0]))
      throw new Error(
        `polluter: expected a fingerprint row of a kind in ${VARIABLE} (${CONTRACT.kinds.join(', ')}), got ${JSON.stringify(row)}`,
      );
  }
  return rows;
}

module.exports = { CONTRACT, checkRows };
