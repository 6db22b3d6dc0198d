// (e) a file a test leaves in the project (or the temp dir): put back as it was after each test.
import type { Leak } from '../../report/leaks.js';
import { addFixture, depthOf, fixtureFiles, pyName, pyString } from '../python.js';
import type { Strategy } from '../types.js';

const IN_TEMP = /^\$TMPDIR\//;

export const pytestFile: Strategy = {
  kind: 'file',
  runner: 'pytest',
  answers: (leak: Leak) => leak.kind === 'file' && leak.after !== 'directory' && leak.before !== 'directory',
  describe: (scope) =>
    `file removed (or put back) at teardown by an autouse fixture (${scope === 'local' ? "in the polluter's module" : 'conftest.py'})`,
  async edit(leaks, scope, context, files) {
    for (const leak of leaks) {
      for (const file of await fixtureFiles(scope, context, files)) {
        // The path from the fixture's own file, so that it does not depend on the working directory.
        const inTemp = IN_TEMP.test(leak.name);
        const root = inTemp
          ? 'pathlib.Path(tempfile.gettempdir())'
          : depthOf(file) === 0
            ? 'pathlib.Path(__file__).resolve().parent'
            : `pathlib.Path(__file__).resolve().parents[${depthOf(file)}]`;
        const relative = inTemp ? leak.name.replace(IN_TEMP, '') : leak.name;
        await addFixture(files, file, {
          name: `_restore_file_${pyName(relative)}`,
          imports: ['import pathlib', ...(inTemp ? ['import tempfile'] : [])],
          docstring: `A test leaves ${leak.name} behind: put it back as it was (absent, or its old content) after each test.`,
          body: [
            `path = ${root} / ${pyString(relative)}`,
            'saved = path.read_bytes() if path.is_file() else None',
            'yield',
            'if saved is None:',
            '    if path.is_file():',
            '        path.unlink()',
            'else:',
            '    path.write_bytes(saved)',
          ],
        });
      }
    }
    const names = leaks
      .map((leak) => `${leak.name} (${leak.before ?? 'absent'} → ${leak.after ?? 'absent'})`)
      .join(', ');
    return `The polluter writes ${names} and leaves it there, where every later test (and every later run) reads it. The fixture puts the file back as it was after each test; better still, the test can write into tmp_path.`;
  },
};
