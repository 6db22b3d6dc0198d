const { spawn } = require('node:child_process');

describe('queue drain', () => {
  test('drains through a helper process', async () => {
    // The helper never answers: the test waits until its trial is killed.
    spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'polluter-sample-jest-helper'], { stdio: 'ignore' });
    await new Promise(() => {});
  }, 600_000);
});
