// (f') a mock's call history never cleared: clearMocks in the project's config, or a clearAllMocks() after each test.
import type { Leak } from '../../report/leaks.js';
import { addAfterEach, configSwitch, mockObject } from '../javascript.js';
import type { Strategy } from '../types.js';

export const jsMock: Strategy = {
  kind: 'mock',
  runner: 'js',
  answers: (leak: Leak) => leak.kind === 'mock',
  describe: (scope) =>
    scope === 'project-wide'
      ? 'clearMocks: true in the config'
      : "clearAllMocks() in an afterEach of the polluter's file",
  async edit(leaks, scope, context, files) {
    const names = leaks.map((leak) => leak.name.replace(/\.mock\.calls$/, '')).join(', ');
    const why = `The polluter calls the mock ${names} and nothing clears its calls, so a later test that counts calls (toHaveBeenCalledTimes) counts the polluter's too.`;
    if (scope === 'project-wide') {
      const config = await configSwitch(files, context.runner, 'clearMocks');
      return (
        config &&
        `${why} clearMocks: true in ${config} clears every mock's calls before each test (the mocks keep what they do).`
      );
    }
    const object = mockObject(context.runner);
    for (const file of new Set(context.culprits.map(context.fileOf))) {
      const added = await addAfterEach(files, file, {
        comment: 'A mock counts only the calls of the test that is running.',
        body: [`${object}.clearAllMocks();`],
        uses: [object],
      });
      if (!added) return undefined;
    }
    return `${why} ${object}.clearAllMocks() after each test of its file clears the calls (the mocks keep what they do).`;
  },
};
