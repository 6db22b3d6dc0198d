// The warm-start protocol on fd 3, as a jest or vitest process started one trial ahead speaks it (src/runners/warm-
// starts.ts is polluter's side): one JSON line saying what it loaded, then one JSON line back with its trial.
'use strict';
const net = require('node:net');

const CHANNEL = 3;

/**
 * Writes `ready` on fd 3 and resolves to the trial's line read from it, or undefined when polluter closed it first
 * (it went away, or needs no more trials). fd 3 is closed after: the tests never see it.
 */
function exchange(ready) {
  return new Promise((resolve) => {
    const channel = new net.Socket({ fd: CHANNEL, readable: true, writable: true });
    let received = '';
    const done = (trial) => {
      channel.destroy();
      resolve(trial);
    };
    channel.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\n');
      if (end !== -1) done(JSON.parse(received.slice(0, end)));
    });
    channel.on('end', () => done(undefined));
    channel.on('error', () => done(undefined));
    channel.write(`${JSON.stringify(ready)}\n`);
  });
}

module.exports = { exchange };
