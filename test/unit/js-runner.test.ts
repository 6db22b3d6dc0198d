import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fingerprintEnv } from '../../src/runners/fingerprint-contract.ts';
import { toTrialRun, type TrialEvent } from '../../src/runners/js/events.ts';
import { selectingPattern } from '../../src/runners/js/names.ts';
import { assignIds, planFiles, type JsTest } from '../../src/runners/js/test-tree.ts';
import { toTrialEvents, type JestEvent } from '../../src/runners/jest/events.ts';
import { judge } from '../../src/runners/oracle.ts';
import { expandId } from '../../src/test-ids.ts';

const FILE = '/project/tests/names.test.js';
const test = (path: string[], ordinal = 0, extra: Partial<JsTest> = {}): JsTest => ({
  project: '',
  file: FILE,
  path,
  ordinal,
  mode: 'run',
  ...extra,
});
const result = { timedOut: false, wallSeconds: 1, outputTail: '' };

describe('JS test ids', () => {
  it('joins file, describe names and title with >, and numbers repeated full names from #2', () => {
    const ids = assignIds(
      [test(['outer', 'dup']), test(['outer', 'dup'], 1), test(['outer', 'dup'], 2), test(['each 1 + 2'])],
      '/project',
    );
    assert.deepEqual(
      [...ids.keys()],
      [
        'tests/names.test.js > outer > dup',
        'tests/names.test.js > outer > dup #2',
        'tests/names.test.js > outer > dup #3',
        'tests/names.test.js > each 1 + 2',
      ],
    );
  });

  it('never gives two tests one id, even when a title contains > or ends in #2', () => {
    const tests = [test(['a', 'b']), test(['a > b']), test(['dup #2']), test(['dup']), test(['dup'], 1)];
    const ids = assignIds(tests, '/project');
    assert.equal(ids.size, tests.length);
    assert.deepEqual([...ids.values()], tests, 'every test keeps its own id, in listing order');
    assert.equal(ids.get('tests/names.test.js > a > b'), tests[0]);
    assert.equal(ids.get('tests/names.test.js > a > b #2'), tests[1]);
  });

  it('puts the project in front only when several projects are listed', () => {
    const one = assignIds([test(['t'], 0, { project: 'A' })], '/project');
    assert.deepEqual([...one.keys()], ['tests/names.test.js > t']);
    const two = assignIds([test(['t'], 0, { project: 'A' }), test(['t'], 0, { project: 'B' })], '/project');
    assert.deepEqual([...two.keys()], ['|A| tests/names.test.js > t', '|B| tests/names.test.js > t']);
  });

  it('plans files in the order of their first test, keeping the given order inside each', () => {
    const other = (path: string[]) => test(path, 0, { file: '/project/tests/other.test.js' });
    const plan = planFiles([test(['b']), other(['x']), test(['a'])]);
    assert.deepEqual(
      plan.map((entry) => [entry.file, entry.tests.map((t) => t.path[0])]),
      [
        [FILE, ['b', 'a']],
        ['/project/tests/other.test.js', ['x']],
      ],
    );
  });

  it('expands a file argument to its tests, with or without a project prefix', () => {
    const listed = [
      'a.test.js > x',
      'a.test.js > y',
      'ab.test.js > z',
      '|P| b.test.js > w',
      'tests/test_a.py::test_one',
    ];
    assert.deepEqual(expandId('a.test.js', listed), ['a.test.js > x', 'a.test.js > y']);
    assert.deepEqual(expandId('b.test.js', listed), ['|P| b.test.js > w']);
    assert.deepEqual(expandId('tests/test_a.py', listed), ['tests/test_a.py::test_one']);
    assert.deepEqual(expandId('a.test.js > y', listed), ['a.test.js > y']);
    assert.equal(expandId('a.test', listed), undefined);
  });

  it("finds the victim's file and test from its id alone, as the listing that runs the first trial must", () => {
    const { victimFile, victimTest } = createRequire(import.meta.url)('../../src/runners/js/victim.cjs') as {
      victimFile: (victim: string, files: { project: string; file: string }[], projectDir: string) => number;
      victimTest: (
        victim: string,
        entry: { project: string; file: string },
        tests: JsTest[],
        projectDir: string,
      ) => number;
    };
    const other = '/project/tests/names.test.js > a.test.js';
    const tests = [
      test(['dup']),
      test(['dup #2']),
      test(['dup'], 1),
      test(['a', 'b']),
      test(['a > b']),
      test(['a', 'b'], 1),
      test(['x'], 0, { file: other }),
    ];
    for (const several of [false, true]) {
      const byProject = [
        ...tests.map((each) => ({ ...each, project: 'one' })),
        ...(several ? tests.map((each) => ({ ...each, project: 'two' })) : []),
      ];
      const ids = assignIds(byProject, '/project', several);
      const files = planFiles([...ids.values()]).map(({ project, file }) => ({ project, file }));
      for (const [id, wanted] of ids) {
        const at = victimFile(id, files, '/project');
        assert.deepEqual(files[at], { project: wanted.project, file: wanted.file }, id);
        const inFile = [...ids.values()].filter((each) => each.file === wanted.file && each.project === wanted.project);
        assert.equal(inFile[victimTest(id, files[at]!, inFile, '/project')], wanted, id);
      }
    }
    assert.equal(victimFile('tests/other.test.js > dup', [{ project: '', file: FILE }], '/project'), -1);
  });
});

describe('jest trial events', () => {
  const at = { project: 'p', file: FILE };
  it('tells two tests of the same name apart by the order select.cjs planned', () => {
    const raw: JestEvent[] = [
      {
        event: 'order',
        ...at,
        tests: [
          { path: ['dup'], ordinal: 1 },
          { path: ['dup'], ordinal: 0 },
        ],
      },
      { event: 'test-start', ...at, path: ['dup'] },
      { event: 'test-result', ...at, path: ['dup'], status: 'failed', seconds: 0.5 },
      { event: 'test-start', ...at, path: ['dup'] },
      { event: 'test-result', ...at, path: ['dup'], status: 'passed' },
      { event: 'end' },
    ];
    const events = toTrialEvents(raw);
    const finished = events
      .filter((event) => event.event === 'finish')
      .map((event) => [event.key.ordinal, event.outcome]);
    assert.deepEqual(finished, [
      [1, 'failed'],
      [0, 'passed'],
    ]);
  });

  it('names the test that was running when jest ended, and counts a pending result as skipped', () => {
    const first = { ...test(['first']), project: 'p' };
    const exits = { ...test(['exits']), project: 'p' };
    const later = { ...test(['later']), project: 'p' };
    const raw: JestEvent[] = [
      { event: 'order', ...at, tests: [first, exits, later].map(({ path, ordinal }) => ({ path, ordinal })) },
      { event: 'test-result', ...at, path: ['first'], status: 'pending' },
      { event: 'test-start', ...at, path: ['exits'] },
    ];
    const run = toTrialRun(
      new Map([
        ['first', first],
        ['exits', exits],
        ['later', later],
      ]),
      toTrialEvents(raw),
      result,
    );
    assert.equal(run.crashedDuring, 'exits');
    assert.deepEqual(Object.fromEntries(run.outcomes), { first: 'skipped', exits: 'error', later: 'not-run' });
    assert.deepEqual(run.skippedSelected, ['first']);
    assert.equal(judge(run, 'later').outcome, 'unknown', 'a trial with a skipped selected test proves nothing');
  });
});

describe('JS trial runs', () => {
  const victim = test(['victim']);
  const key = { project: '', file: FILE, path: ['victim'], ordinal: 0 };

  it('turns a file that could not run into an error of its tests', () => {
    const events: TrialEvent[] = [
      { event: 'file-error', project: '', file: FILE, message: 'Cannot find module' },
      { event: 'end' },
    ];
    const run = toTrialRun(new Map([['v', victim]]), events, result);
    assert.equal(run.outcomes.get('v'), 'error');
    assert.equal(judge(run, 'v').outcome, 'fail');
  });

  it('keeps what each test changed, keyed by id, and adds up the seconds the fingerprints took', () => {
    const other = test(['other']);
    const otherKey = { ...key, path: ['other'] };
    const events: TrialEvent[] = [
      { event: 'start', key: otherKey },
      { event: 'finish', key: otherKey, outcome: 'passed' },
      { event: 'changes', key: otherKey, changes: [['env', 'MODE', null, 'sandbox']], seconds: 0.0002 },
      { event: 'start', key },
      { event: 'finish', key, outcome: 'failed' },
      { event: 'changes', key, changes: [], seconds: 0.0003 },
    ];
    const run = toTrialRun(
      new Map([
        ['o', other],
        ['v', victim],
      ]),
      events,
      result,
    );
    assert.deepEqual(Object.fromEntries(run.stateChanges!), {
      o: [{ kind: 'env', name: 'MODE', before: null, after: 'sandbox' }],
      v: [],
    });
    assert.equal(run.stateSeconds, 0.0005);
    assert.equal(
      toTrialRun(new Map([['v', victim]]), events.slice(3, 5), result).stateChanges,
      undefined,
      'no changes events: the runner did not fingerprint',
    );
  });

  it('does not count a pass next to an unhandled error', () => {
    const events: TrialEvent[] = [
      { event: 'start', key },
      { event: 'finish', key, outcome: 'passed', seconds: 0.1 },
      { event: 'unhandled', message: 'Worker exited unexpectedly' },
    ];
    const run = toTrialRun(new Map([['v', victim]]), events, result);
    assert.equal(run.outcomes.get('v'), 'passed');
    assert.equal(judge(run, 'v').outcome, 'unknown');
  });
});

// The helpers that fingerprint state inside jest's and vitest's test processes (CommonJS, loaded as the runners load them).
// The helpers read what to skip from the environment polluter gives their runner process.
Object.assign(process.env, fingerprintEnv());
const helpers = createRequire(import.meta.url);
const { Footprints } = helpers('../../src/runners/js/footprints.cjs');

type Row = [string, string, string | null, string | null];
const mock = () => Object.assign(() => undefined, { _isMockFunction: true });
const isMock = (value: unknown) =>
  typeof value === 'function' && (value as { _isMockFunction?: boolean })._isMockFunction === true;

/** A test process in miniature: a globalThis with its process, a core module and the project's loaded modules. */
function miniature(root: string, loaded: [string, unknown][] = []) {
  let cwd = root;
  const processObject = Object.assign(new EventEmitter(), {
    env: { HOME: '/home/ann' } as Record<string, string>,
    cwd: () => cwd,
    chdir: (dir: string) => (cwd = dir),
  });
  const global: Record<string, unknown> = {
    process: processObject,
    setTimeout: () => 0,
    setInterval: () => 0,
    Date,
    console: { log: () => undefined },
  };
  global.globalThis = global;
  class Mailer {
    send() {
      return 'sent';
    }
  }
  const os = {
    platform: function platform() {
      return 'linux';
    },
  };
  const ids = { prefix: 'ord', counter: 0 }; // module.exports = new IdGenerator()
  const rates = { table: { IE: 23, DE: 19 } as Record<string, number>, Mailer };
  const modules = new Map<string, unknown>([
    [join(root, 'src', 'ids.js'), ids],
    [join(root, 'src', 'rates.js'), rates],
    [join(root, 'node_modules', 'x', 'index.js'), { y: 1 }],
    ...loaded,
  ]);
  const changes: [unknown, Row[]][] = [];
  const footprints = new Footprints({
    root,
    global,
    isMock,
    modules: () => [...modules.keys()],
    exportsOf: (file: string) => modules.get(file),
    coreModules: () => [['os', os]],
    emit: (key: unknown, rows: Row[]) => changes.push([key, rows]),
    crossFile: ['cwd', 'core-module', 'file'],
  });
  return { global, processObject, os, ids, rates, Mailer, footprints, changes };
}

function inTempDirs(use: (project: string, temp: string) => void) {
  const base = mkdtempSync(join(tmpdir(), 'polluter-unit-'));
  const project = join(base, 'project');
  const temp = join(base, 'tmp');
  mkdirSync(join(project, 'src'), { recursive: true });
  mkdirSync(temp);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = temp;
  try {
    use(project, temp);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(base, { recursive: true, force: true });
  }
}

describe('state fingerprints of jest and vitest tests', () => {
  it('names what each test left changed, by kind, with short words for the values', () => {
    inTempDirs((project) => {
      const world = miniature(project);
      world.footprints.testStarts('a');
      world.processObject.env.PAYMENTS_MODE = 'sandbox';
      world.global.__TENANT__ = { name: 'Acme' };
      world.rates.table.IE = 0;
      world.ids.counter += 1;
      world.processObject.on('exit', () => undefined);
      world.footprints.testStarts('b');
      world.os.platform = () => 'win32';
      (world.os as Record<string, unknown>).__marker = 1; // a flag on a core module that every jest test file shares
      world.processObject.chdir('/elsewhere');
      world.footprints.testStarts('c');
      assert.deepEqual(world.changes, [
        [
          'a',
          [
            ['env', 'PAYMENTS_MODE', null, 'sandbox'],
            ['global', 'globalThis.__TENANT__', null, 'object of 1 key'],
            ['global', 'src/ids.js:counter', '0', '1'],
            ['global', 'src/rates.js:table.IE', '23', '0'],
            ['listener', "process.on('exit')", '0', '1'],
          ],
        ],
        [
          'b',
          [
            ['core-module', 'os.__marker', null, '1'],
            ['core-module', 'os.platform', 'function platform', 'function (anonymous)'],
            ['cwd', 'working directory', project, '/elsewhere'],
          ],
        ],
      ]);
    });
  });

  it('reports a mock left on an export, a class or a core module as a spy, not as a changed value', () => {
    inTempDirs((project) => {
      const world = miniature(project);
      world.footprints.testStarts('a');
      Object.assign(world.ids, { next: mock() }); // jest.spyOn(ids, 'next') on an instance: a new own property
      world.rates.table.lookup = mock() as never;
      world.Mailer.prototype.send = mock() as never;
      world.os.platform = mock() as never;
      world.footprints.testStarts('b');
      assert.deepEqual(world.changes[0]![1], [
        ['spy', 'os.platform', 'function platform', 'mock'],
        ['spy', 'src/ids.js:next', null, 'mock'],
        ['spy', 'src/rates.js:Mailer.prototype.send', null, 'mock'],
        ['spy', 'src/rates.js:table.lookup', null, 'mock'],
      ]);
    });
  });

  it('reads the module-level variables of real modules that no export reaches, through the inspector', () => {
    inTempDirs((project) => {
      const write = (name: string, text: string) => {
        writeFileSync(join(project, 'src', name), text);
        return join(project, 'src', name);
      };
      const locale = write(
        'locale.js',
        "'use strict';\nlet active = 'en-US';\nconst seen = new Set();\nfunction setLocale(tag) { seen.add(tag); active = tag; }\nmodule.exports = { setLocale, seen2: seen };\n",
      );
      const table = write(
        'table.js',
        "'use strict';\nconst rates = { EUR: 0.92 };\nconst stock = new Map([['W', 40]]);\nfunction setRate(code, rate) { rates[code] = rate; }\nfunction ship(n) { stock.set('W', stock.get('W') - n); }\nmodule.exports = { setRate, ship };\n",
      );
      // Re-exports another module's function: that function shows the other module's scope, so none is read here.
      const barrel = write(
        'index.js',
        "'use strict';\nconst { setRate } = require('./table.js');\nmodule.exports = { setRate };\n",
      );
      const load = createRequire(join(project, 'src', 'x.js'));
      const loaded = [locale, table, barrel].map((file): [string, unknown] => [file, load(file)]);
      const [localeModule, tableModule] = loaded.map(([, exports]) => exports) as [
        { setLocale: (tag: string) => void },
        { setRate: (code: string, rate: number) => void; ship: (n: number) => void },
      ];
      const world = miniature(project, loaded);
      world.footprints.testStarts('a');
      localeModule.setLocale('de-DE');
      world.footprints.testStarts('b');
      tableModule.setRate('EUR', 1);
      tableModule.ship(25);
      world.footprints.testStarts('c');
      assert.deepEqual(world.changes, [
        // `seen` is exported (as seen2): the exports' fingerprint reports it, the module scope does not.
        [
          'a',
          [
            ['global', 'src/locale.js (module scope): active', "'en-US'", "'de-DE'"],
            ['global', 'src/locale.js:seen2', 'Set of 0 items', 'Set of 1 item'],
          ],
        ],
        [
          'b',
          [
            ['global', 'src/table.js (module scope): rates.EUR', '0.92', '1'],
            ['global', 'src/table.js (module scope): stock.W', '40', '15'],
          ],
        ],
      ]);
    });
  });

  it('sees fake timers by the clock they carry, and legacy ones as mocks', () => {
    inTempDirs((project) => {
      const world = miniature(project);
      world.footprints.testStarts('a');
      world.global.setTimeout = Object.assign(() => 0, { clock: {} });
      world.global.setInterval = mock() as never;
      world.footprints.testStarts('b');
      assert.deepEqual(world.changes[0]![1], [['timers', 'fake timers', 'real', 'fake: setTimeout, setInterval']]);
    });
  });

  it('leaves out what hooks between tests do: a beforeAll that sets, an afterAll that puts back', () => {
    inTempDirs((project) => {
      const world = miniature(project);
      world.footprints.testStarts('a');
      world.processObject.env.TOKEN = 'a'; // left by test a, put back by the describe block's afterAll
      world.footprints.afterAll();
      delete world.processObject.env.TOKEN;
      world.footprints.beforeAll();
      world.global.db = { open: true }; // the next block's beforeAll
      world.footprints.testStarts('b');
      world.footprints.fileEnds();
      assert.deepEqual(world.changes, [
        ['a', []],
        ['b', []],
      ]);
    });
  });

  it("keeps only what outlives a test file after the file's last test", () => {
    inTempDirs((project) => {
      const world = miniature(project);
      world.footprints.testStarts('last');
      world.processObject.env.MODE = 'x'; // jest: each file gets its own copy of process.env
      world.os.platform = () => 'darwin'; // core modules are the process's
      world.footprints.fileEnds();
      assert.deepEqual(world.changes, [
        ['last', [['core-module', 'os.platform', 'function platform', 'function (anonymous)']]],
      ]);
    });
  });

  // The walk's mode is decided by timing the first walks (the fingerprint contract's limit: past it, folder mtimes
  // only); pinned here, so that a loaded machine cannot change what the test sees.
  const pinned = (world: ReturnType<typeof miniature>, mode: 'full' | 'dirs') => {
    const files = (
      world.footprints as unknown as { fingerprints: { files: { byFolderMtime: boolean; timings?: number[] } } }
    ).fingerprints.files;
    files.byFolderMtime = mode === 'dirs';
    delete files.timings;
  };

  it('lists files created, rewritten, grown and deleted in the project and the top of the temp dir', () => {
    inTempDirs((project, temp) => {
      writeFileSync(join(project, 'src', 'config.json'), '{"a":1}');
      writeFileSync(join(project, 'old.txt'), 'bye');
      mkdirSync(join(project, 'node_modules'));
      const world = miniature(project);
      pinned(world, 'full');
      world.footprints.testStarts('a');
      writeFileSync(join(project, 'src', 'config.json'), '{"a":2}');
      unlinkSync(join(project, 'old.txt'));
      mkdirSync(join(project, 'out'));
      writeFileSync(join(project, 'out', 'report.csv'), 'x,y\n');
      writeFileSync(join(project, 'node_modules', 'ignored.js'), '');
      writeFileSync(join(temp, 'app.lock'), '4242');
      mkdirSync(join(temp, 'upload-1'));
      mkdirSync(join(temp, 'jest_cache'));
      writeFileSync(join(temp, 'polluter-events.jsonl'), '{}');
      world.footprints.testStarts('b');
      writeFileSync(join(temp, 'app.lock'), '4242\n');
      world.footprints.testStarts('c');
      assert.deepEqual(world.changes, [
        [
          'a',
          [
            ['file', '$TMPDIR/app.lock', null, '4 bytes'],
            ['file', '$TMPDIR/upload-1', null, 'directory'],
            ['file', 'old.txt', '3 bytes', null],
            ['file', 'out/report.csv', null, '4 bytes'],
            ['file', 'src/config.json', '7 bytes', '7 bytes, rewritten'],
          ],
        ],
        ['b', [['file', '$TMPDIR/app.lock', '4 bytes', '5 bytes']]],
      ]);
    });
  });

  it('sees files created and deleted, not changed in place, when it watches folder mtimes (a big tree)', () => {
    inTempDirs((project, temp) => {
      writeFileSync(join(project, 'old.txt'), 'bye');
      writeFileSync(join(temp, 'app.lock'), '4242');
      const world = miniature(project);
      pinned(world, 'dirs');
      world.footprints.testStarts('a');
      unlinkSync(join(project, 'old.txt'));
      writeFileSync(join(temp, 'upload-1'), 'x');
      utimesSync(temp, 1e9, 1e9); // a folder changed just now is listed again at every walk (the racy-mtime guard)
      world.footprints.testStarts('b');
      writeFileSync(join(temp, 'app.lock'), '4242\n'); // its folder's entries stay as they were
      world.footprints.testStarts('c');
      assert.deepEqual(world.changes, [
        [
          'a',
          [
            ['file', '$TMPDIR/upload-1', null, '1 byte'],
            ['file', 'old.txt', '3 bytes', null],
          ],
        ],
        ['b', []],
      ]);
    });
  });
});

describe("the runners' own -t patterns", () => {
  const suite = [test(['d', 'a (b)*']), test(['d', 'Dup']), test(['d', 'dup']), test(['d', 'z'])];

  it('picks exactly the tests of one file, in definition order, with regex characters escaped', () => {
    const pattern = selectingPattern([suite[0]!, suite[3]!], suite, ' ', 'i')!;
    assert.equal(pattern, '^(?:d a \\(b\\)\\*|d z)$');
    assert.deepEqual(
      suite.filter((t) => new RegExp(pattern, 'i').test(t.path.join(' '))),
      [suite[0], suite[3]],
    );
  });

  it('gives up where the runner cannot express it: case-insensitive twins, out of order, two files', () => {
    assert.equal(selectingPattern([suite[2]!], suite, ' ', 'i'), undefined, "jest's -t would also run Dup");
    assert.equal(selectingPattern([suite[2]!], suite, ' ', ''), '^(?:d dup)$', "vitest's -t is case-sensitive");
    assert.equal(selectingPattern([suite[3]!, suite[0]!], suite, ' ', 'i'), undefined);
    const other = test(['x'], 0, { file: '/project/tests/other.test.js' });
    assert.equal(selectingPattern([suite[0]!, other], [...suite, other], ' ', 'i'), undefined);
  });
});
