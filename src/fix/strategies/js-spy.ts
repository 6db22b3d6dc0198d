// (f) a spy or mock left in place: restoreMocks in the project's config, or a restoreAllMocks() after each test.
import type { Leak } from '../../report/leaks.js';
import { addAfterEach, configSwitch, mockObject } from '../javascript.js';
import type { Strategy } from '../types.js';

export const jsSpy: Strategy = {
  kind: 'spy',
  runner: 'js',
  answers: (leak: Leak) => leak.kind === 'spy',
  describe: (scope) =>
    scope === 'project-wide'
      ? 'restoreMocks: true in the config'
      : "restoreAllMocks() in an afterEach of the polluter's file",
  async edit(leaks, scope, context, files) {
    const names = leaks.map((leak) => leak.name).join(', ');
    const why = `The polluter replaces ${names} with a mock and never restores it, so later tests call the mock.`;
    if (scope === 'project-wide') {
      const config = await configSwitch(files, context.runner, 'restoreMocks');
      return config && `${why} restoreMocks: true in ${config} restores every spy before each test.`;
    }
    const object = mockObject(context.runner);
    for (const file of new Set(context.culprits.map(context.fileOf))) {
      const added = await addAfterEach(files, file, {
        comment: 'Spies and mocks made in a test end with it.',
        body: [`${object}.restoreAllMocks();`],
        uses: [object],
      });
      if (!added) return undefined;
    }
    return `${why} ${object}.restoreAllMocks() after each test of its file puts the originals back.`;
  },
};
