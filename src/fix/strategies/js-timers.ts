// (g) fake timers left on: real timers back after each test of the polluter's file.
import type { Leak } from '../../report/leaks.js';
import { addAfterEach, mockObject } from '../javascript.js';
import type { Strategy } from '../types.js';

export const jsTimers: Strategy = {
  kind: 'timers',
  runner: 'js',
  answers: (leak: Leak) => leak.kind === 'timers',
  describe: () => "useRealTimers() in an afterEach of the polluter's file",
  async edit(leaks, scope, context, files) {
    if (scope === 'project-wide') return undefined; // no config key turns fake timers off after a test
    const object = mockObject(context.runner);
    for (const file of new Set(context.culprits.map(context.fileOf))) {
      const added = await addAfterEach(files, file, {
        comment: 'A test that turns on fake timers does not leave them on.',
        body: [`${object}.useRealTimers();`],
        uses: [object],
      });
      if (!added) return undefined;
    }
    const what = leaks[0]?.after ?? 'fake';
    return `The polluter turns on fake timers (${what}) and never switches back, so a later test's real setTimeout never fires. ${object}.useRealTimers() after each test of its file switches back.`;
  },
};
