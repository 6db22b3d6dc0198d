// The CI artifact readers (src/ci/): parsers on excerpts of real output, victim and worker selection, the resolver.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readArtifact } from '../../src/ci/artifact.ts';
import type { ArtifactTest } from '../../src/ci/artifact-test.ts';
import { detectFormat } from '../../src/ci/detect-format.ts';
import { parseJsJson } from '../../src/ci/js-json.ts';
import { parseJunit } from '../../src/ci/junit.ts';
import { pytestJunitPair } from '../../src/ci/names.ts';
import { parsePytestLogLine, PytestLogParser } from '../../src/ci/pytest-log.ts';
import { parseRecordLine } from '../../src/ci/record.ts';
import { resolveArtifactTests } from '../../src/ci/resolve.ts';
import { recordedSuspects } from '../../src/runners/oracle.ts';
import { selectVictimRun } from '../../src/ci/victim.ts';
import { UsageError } from '../../src/errors.ts';
import { openOrderSource } from '../../src/order/order-source.ts';

const temp = mkdtempSync(join(tmpdir(), 'polluter-ci-unit-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let counter = 0;
function file(content: string | Buffer, name = `artifact-${(counter += 1)}.txt`): string {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
}

function parseLog(text: string): ArtifactTest[] {
  const parser = new PytestLogParser();
  for (const line of text.split('\n')) parser.push(line);
  return parser.tests;
}

// Lines of a real `pytest -n 2 -v` run (pytest 9.2, xdist 3.8.0): start lines, results, and what follows them.
const XDIST_LOG = `============================= test session starts ==============================
platform linux -- Python 3.11.7, pytest-9.2.0, pluggy-1.7.0 -- /usr/bin/python3
created: 2/2 workers
2 workers [6 items]

scheduling tests via LoadScheduling

tests/test_q.py::test_pass 
[gw0] [  7%] PASSED tests/test_q.py::test_pass 
tests/test_q.py::test_fail 
tests/test_q.py::test_td 
[gw1] [ 15%] PASSED tests/test_q.py::test_td 
[gw0] [ 23%] SKIPPED tests/test_q.py::test_skip 
[gw1] [ 30%] ERROR tests/test_q.py::test_td 
[gw1] [ 38%] PASSED tests/test_q.py::test_p[a b] 
[gw0] [ 46%] XFAIL tests/test_q.py::test_xfail 
[gw1] [ 53%] FAILED tests/test_q.py::TestC::TestD::test_victim 
[gw0] [ 61%] XPASS tests/test_q.py::test_xpass 
=================================== FAILURES ===================================
__________________________ TestC.TestD.test_victim ___________________________
[gw1] linux -- Python 3.11.7 /usr/bin/python3
=========================== short test summary info ============================
FAILED tests/test_q.py::TestC::TestD::test_victim - assert 0
ERROR tests/test_q.py::test_td - RuntimeError: td
=================== 1 failed, 3 passed, 1 error in 0.80s ====================`;

describe('pytest -v logs', () => {
  it('reads the result lines of pytest-xdist and nothing else (start lines, tracebacks, the summary)', () => {
    const tests = parseLog(XDIST_LOG);
    assert.deepEqual(
      tests.map((test) => `${test.worker} ${test.outcome} ${test.nodeid}`),
      [
        'gw0 passed tests/test_q.py::test_pass',
        'gw1 passed tests/test_q.py::test_td',
        'gw0 skipped tests/test_q.py::test_skip',
        'gw1 error tests/test_q.py::test_td',
        'gw1 passed tests/test_q.py::test_p[a b]',
        'gw0 skipped tests/test_q.py::test_xfail',
        'gw1 failed tests/test_q.py::TestC::TestD::test_victim',
        'gw0 passed tests/test_q.py::test_xpass',
      ],
    );
  });

  it('reads plain -v lines: skip reasons, escaped non-ASCII parameters, count-style progress; not -rA summaries', () => {
    const lines = [
      'tests/test_q.py::test_skip SKIPPED (no network)                       [ 38%]',
      'tests/test_q.py::test_p[\\xfc] PASSED                                   [ 69%]',
      'tests/test_q.py::test_p[a PASSED b] FAILED                            [ 70%]',
      'tests/test_q.py::test_count PASSED [ 5/13]',
      'PASSED tests/test_q.py::test_pass',
      'FAILED tests/test_q.py::test_fail - assert 0',
      'SKIPPED [1] tests/test_q.py:12: no',
    ];
    assert.deepEqual(
      lines.map(parsePytestLogLine).map((test) => test && `${test.outcome} ${test.nodeid} ${test.worker}`),
      [
        'skipped tests/test_q.py::test_skip undefined',
        'passed tests/test_q.py::test_p[\\xfc] undefined',
        'failed tests/test_q.py::test_p[a PASSED b] undefined',
        'passed tests/test_q.py::test_count undefined',
        undefined,
        undefined,
        undefined,
      ],
    );
  });

  it('sees through colours, CI timestamps, CRLF and terminal overwrites', () => {
    const lines = [
      '\x1b[32m[gw2] [ 42%] \x1b[32mPASSED\x1b[0m tests/x.py::test_y \r',
      '2024-05-01T12:34:56.1234567Z [gw2] [ 42%] PASSED tests/x.py::test_y ',
      'collecting ...\r[gw2] [ 42%] PASSED tests/x.py::test_y',
    ];
    for (const line of lines)
      assert.deepEqual(
        parsePytestLogLine(line),
        { nodeid: 'tests/x.py::test_y', worker: 'gw2', outcome: 'passed' },
        line,
      );
  });
});

describe('the victim and its worker', () => {
  const tests = parseLog(XDIST_LOG);
  const victim = 'tests/test_q.py::TestC::TestD::test_victim';

  it("takes the tests of the victim's worker before it, each once (a teardown ERROR line repeats a test)", () => {
    const run = selectVictimRun(tests, victim, 'log', 'ci.log');
    assert.equal(run.worker, 'gw1');
    assert.deepEqual(
      run.tests.map((test) => test.nodeid),
      ['tests/test_q.py::test_td', 'tests/test_q.py::test_p[a b]', victim],
    );
  });

  it('reads the worker from the failing line when the victim has several', () => {
    const twice: ArtifactTest[] = [
      { nodeid: 'a.py::t', worker: 'gw0', outcome: 'passed' },
      { nodeid: 'a.py::v', worker: 'gw0', outcome: 'passed' },
      { nodeid: 'a.py::u', worker: 'gw3', outcome: 'passed' },
      { nodeid: 'a.py::v', worker: 'gw3', outcome: 'failed' },
    ];
    const run = selectVictimRun(twice, 'a.py::v', 'log', 'ci.log');
    assert.equal(run.worker, 'gw3');
    assert.deepEqual(
      run.tests.map((test) => test.nodeid),
      ['a.py::u', 'a.py::v'],
    );
    assert.deepEqual(
      selectVictimRun(twice, 'a.py::v', 'log', 'ci.log', 'gw0').tests.map((test) => test.nodeid),
      ['a.py::t', 'a.py::v'],
    );
  });

  it('says which workers there are, where the victim ran, and which names are closest', () => {
    assert.throws(() => selectVictimRun(tests, victim, 'log', 'ci.log', 'gw9'), {
      message: '--worker gw9: ci.log has no worker gw9; it has gw0, gw1',
    });
    assert.throws(() => selectVictimRun(tests, victim, 'log', 'ci.log', 'gw0'), {
      message: `the victim '${victim}' did not run on worker gw0 in ci.log; it ran on gw1`,
    });
    assert.throws(
      () => selectVictimRun(tests, 'tests/test_q.py::TestC::TestD::test_victm', 'log', 'ci.log'),
      (error: Error) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, /is not in ci\.log; closest: 'tests\/test_q\.py::TestC::TestD::test_victim'/);
        return true;
      },
    );
    const plain = parseLog('tests/a.py::t PASSED [ 50%]\ntests/a.py::v FAILED [100%]');
    assert.throws(
      () => selectVictimRun(plain, 'tests/a.py::v', 'log', 'ci.log', 'gw0'),
      /ci\.log ran every test in one process \(no workers\); leave --worker out/,
    );
    assert.deepEqual(selectVictimRun(plain, 'tests/a.py::v', 'log', 'ci.log').worker, undefined);
  });
});

describe('JUnit XML', () => {
  // pytest --junitxml (pytest 9.2): classname is the dotted module path plus classes, name the function with parameters.
  const PYTEST = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4">
<testcase classname="tests.sub.test_x.TestA.TestB" name="test_c[1-x]" time="0.001" />
<testcase classname="tests.sub.test_x" name="test_p[\\xfc]" time="0.001"><skipped type="pytest.skip" message="no">x</skipped></testcase>
<testcase classname="tests.test_y" name="test_err" time="0.001"><error message="failed on setup">E</error></testcase>
<testcase classname="tests.test_y" name="test_victim" time="0.001"><failure message="assert 0">E   assert 0</failure></testcase>
</testsuite></testsuites>`;

  it("computes pytest's (classname, name) pair for a node id", () => {
    assert.deepEqual(pytestJunitPair('tests/sub/test_x.py::TestA::TestB::test_c[1-x]'), {
      classname: 'tests.sub.test_x.TestA.TestB',
      name: 'test_c[1-x]',
    });
    assert.deepEqual(pytestJunitPair('test_q.py::test_p[a::b.py]'), { classname: 'test_q', name: 'test_p[a::b.py]' });
  });

  it('maps pytest testcases back to node ids, with another rootdir above the project too', () => {
    const tests = parseJunit(PYTEST);
    assert.deepEqual(
      tests.map((test) => test.outcome),
      ['passed', 'skipped', 'error', 'failed'],
    );
    const collected = [
      'tests/sub/test_x.py::TestA::TestB::test_c[1-x]',
      'tests/sub/test_x.py::test_p[\\xfc]',
      'tests/test_y.py::test_err',
      'tests/test_y.py::test_victim',
    ];
    const resolved = resolveArtifactTests(tests, 'tests/test_y.py::test_victim', {
      collected,
      runner: 'pytest',
      format: 'junit',
    });
    assert.deepEqual(resolved.order, collected);
    assert.deepEqual(resolved.unknown, []);
    // The same report written with the repository root as rootdir, the project being its api/ folder.
    const moved = parseJunit(PYTEST.replace(/classname="tests\./g, 'classname="api.tests.'));
    assert.deepEqual(
      resolveArtifactTests(moved, 'tests/test_y.py::test_victim', { collected, runner: 'pytest', format: 'junit' })
        .order,
      collected,
    );
    assert.equal(selectVictimRun(moved, 'tests/test_y.py::test_victim', 'junit', 'junit.xml').tests.length, 4);
  });

  // jest-junit 17.0.0 with default options: no file, classname and name both "describe… title" joined with spaces.
  const JEST_JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="3" failures="1" errors="0" time="0.411">
  <testsuite name="priceTag" errors="0" failures="1" skipped="0" tests="3">
    <testcase classname="priceTag prints euro prices" name="priceTag prints euro prices" time="0.02">
    </testcase>
    <testcase classname="priceTag rounds &quot;half&quot; up" name="priceTag rounds &quot;half&quot; up" time="0.001">
    </testcase>
    <testcase classname="priceTag shows dollar prices" name="priceTag shows dollar prices" time="0.005">
      <failure>Error: expect(received).toBe(expected)</failure>
    </testcase>
  </testsuite>
</testsuites>`;
  const jsCollected = [
    'tests/price-tag.test.js > priceTag > shows dollar prices',
    'tests/price-tag.test.js > priceTag > rounds "half" up',
    'tests/price-tag.test.js > priceTag > prints euro prices',
    'tests/other.test.js > priceTag > prints euro prices',
  ];

  it('matches jest-junit names by the joined titles, and keeps every test a name could be', () => {
    const tests = parseJunit(JEST_JUNIT);
    assert.deepEqual(tests[1], { titles: ['priceTag rounds "half" up'], outcome: 'passed' });
    const victim = 'tests/price-tag.test.js > priceTag > shows dollar prices';
    const resolved = resolveArtifactTests(tests, victim, { collected: jsCollected, runner: 'jest', format: 'junit' });
    assert.deepEqual(resolved.order, [
      'tests/price-tag.test.js > priceTag > prints euro prices',
      'tests/other.test.js > priceTag > prints euro prices',
      'tests/price-tag.test.js > priceTag > rounds "half" up',
      victim,
    ]);
    assert.deepEqual(
      resolved.ambiguous.map((entry) => entry.ids.length),
      [2],
    );
  });

  it('refuses a victim that only its title names when another test has the same title', async () => {
    const path = file(JEST_JUNIT.replace(/shows dollar prices/g, 'prints euro prices').replace('priceTag rounds', 'x'));
    const source = await openOrderSource(
      { kind: 'junit', file: path },
      'tests/price-tag.test.js > priceTag > prints euro prices',
    );
    assert.throws(
      () => source.resolve(jsCollected, { runner: 'jest' }),
      /only by its title, which 2 tests share .*addFileAttribute="true"/,
    );
  });

  it("reads jest-junit's addFileAttribute and vitest's classname as the test file", () => {
    const withFile = parseJunit(
      JEST_JUNIT.replace(/time="0\.\d+">/g, '$& ').replace(
        /(<testcase [^>]*?) time/g,
        '$1 file="tests/other.test.js" time',
      ),
    );
    assert.equal(withFile[0]!.file, 'tests/other.test.js');
    const resolved = resolveArtifactTests(
      withFile.slice(0, 1).concat({ file: 'tests/other.test.js', titles: ['priceTag shows dollar prices'] }),
      'tests/other.test.js > priceTag > shows dollar prices',
      {
        collected: [...jsCollected, 'tests/other.test.js > priceTag > shows dollar prices'],
        runner: 'jest',
        format: 'junit',
      },
    );
    assert.deepEqual(resolved.order, [
      'tests/other.test.js > priceTag > prints euro prices',
      'tests/other.test.js > priceTag > shows dollar prices',
    ]);

    // vitest 4.1's junit reporter: classname is the file, name the titles joined with " > ".
    const vitest = parseJunit(`<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="2" failures="1" errors="0" time="0.04">
    <testsuite name="tests/flags.test.js" tests="2" failures="1" errors="0" skipped="0" time="0.02">
        <testcase classname="tests/flags.test.js" name="feature flags &gt; ops can force it on" time="0.002"></testcase>
        <testcase classname="tests/flags.test.js" name="feature flags &gt; stays off" time="0.01"><failure message="x" type="AssertionError">x</failure></testcase>
    </testsuite>
</testsuites>`);
    const collected = [
      'tests/flags.test.js > feature flags > stays off',
      'tests/flags.test.js > feature flags > ops can force it on',
    ];
    assert.deepEqual(
      resolveArtifactTests(vitest, collected[0]!, { collected, runner: 'vitest', format: 'junit' }).order,
      [collected[1], collected[0]],
    );
  });

  it('says what is wrong with XML that is not a whole JUnit report', () => {
    assert.throws(
      () => parseJunit(PYTEST.slice(0, 200)),
      /is not well-formed XML \(line \d+: .*\); a truncated file\?/,
    );
    assert.throws(
      () => parseJunit('<?xml version="1.0"?><project><target name="x"/></project>'),
      /is XML, but not JUnit \(no <testsuites> or <testsuite> element\)/,
    );
  });
});

describe('jest and vitest JSON results', () => {
  const json = {
    testResults: [
      {
        name: '/home/runner/work/shop/shop/tests/price-tag.test.js',
        assertionResults: [
          { ancestorTitles: ['priceTag'], title: 'works', status: 'passed' },
          { ancestorTitles: ['priceTag'], title: 'is skipped', status: 'pending' },
          { ancestorTitles: ['priceTag'], title: 'works', status: 'passed' },
          { ancestorTitles: ['priceTag', 'a > b'], title: 'nested', status: 'passed' },
          { ancestorTitles: ['priceTag'], title: 'victim', status: 'failed' },
        ],
      },
    ],
  };

  it('maps CI paths, repeated names (#2) and describe titles to the project ids, and drops skipped tests silently', () => {
    const tests = parseJsJson(json);
    const collected = [
      'tests/price-tag.test.js > priceTag > works',
      'tests/price-tag.test.js > priceTag > works #2',
      'tests/price-tag.test.js > priceTag > a > b > nested',
      'tests/price-tag.test.js > priceTag > victim',
    ];
    const run = selectVictimRun(tests, 'tests/price-tag.test.js > priceTag > victim', 'json', 'jest.json');
    const resolved = resolveArtifactTests(run.tests, 'tests/price-tag.test.js > priceTag > victim', {
      collected,
      runner: 'jest',
      format: 'json',
    });
    assert.deepEqual(resolved.order, collected);
    assert.deepEqual(resolved.unknown, []);
  });

  it('finds a repeated-name victim as the n-th entry of its name, and puts the |project| prefix on', () => {
    const tests = parseJsJson(json);
    const run = selectVictimRun(tests, 'tests/price-tag.test.js > priceTag > works #2', 'json', 'jest.json');
    assert.equal(run.tests.length, 3);
    const collected = [
      '|unit| tests/price-tag.test.js > priceTag > works',
      '|unit| tests/price-tag.test.js > priceTag > works #2',
      '|e2e| tests/e2e.test.js > x',
    ];
    const resolved = resolveArtifactTests(run.tests, collected[1]!, { collected, runner: 'vitest', format: 'json' });
    assert.deepEqual(resolved.order, collected.slice(0, 2));
  });

  it('reports tests the project no longer has as unknown', () => {
    const tests: ArtifactTest[] = [
      { file: 'tests/gone.test.js', titles: ['old'], outcome: 'passed' },
      { file: 'tests/a.test.js', titles: ['v'], outcome: 'failed' },
    ];
    const resolved = resolveArtifactTests(tests, 'tests/a.test.js > v', {
      collected: ['tests/a.test.js > v'],
      runner: 'jest',
      format: 'json',
    });
    assert.deepEqual(resolved, {
      order: ['tests/a.test.js > v'],
      unknown: ['tests/gone.test.js > old'],
      ambiguous: [],
      victimCandidates: ['tests/a.test.js > v'],
    });
  });

  it('refuses JSON that is not a result file', () => {
    assert.throws(
      () => parseJsJson({ numTotalTests: 3 }),
      /is JSON, but not a jest or vitest result file \(no testResults array\)/,
    );
    assert.throws(
      () => parseJsJson({ testResults: [{ name: 'x' }] }),
      /testResults\[0\] has no name or no assertionResults/,
    );
  });
});

describe('polluter record', () => {
  // Written by hand in the recorder's shape: padding left for the outcome, and the last test of gw1 without one
  // (it was running when its process died).
  const GW1 = [
    '{"nodeid":"tests/test_a.py::test_one","worker":"gw1","outcome":"passed"}       ',
    '{"nodeid":"tests/test_a.py::test_two@db","worker":"gw1","outcome":"failed"}',
    '',
    '{"nodeid":"tests/test_b.py::test_victim","worker":"gw1","outcome":"failed"}',
    '{"nodeid":"tests/test_b.py::test_crash","worker":"gw1"}          ',
  ].join('\n');
  const GW0 = '{"nodeid":"tests/test_c.py::test_three","worker":"gw0","outcome":"passed"}\n';

  it('reads one line per test, worker from the line or the file name, outcome optional', () => {
    assert.deepEqual(parseRecordLine(GW1.split('\n')[4]!, 5, 'gw1'), {
      nodeid: 'tests/test_b.py::test_crash',
      worker: 'gw1',
    });
    assert.deepEqual(parseRecordLine('{"file":"tests/a.test.js","titles":["d","t"],"project":"unit"}', 1, 'w2'), {
      file: 'tests/a.test.js',
      titles: ['d', 't'],
      project: 'unit',
      worker: 'w2',
    });
    assert.throws(() => parseRecordLine('{"nodeid":"tests/test_a.py::te', 7, 'gw1'), /line 7 is not JSON/);
    assert.throws(() => parseRecordLine('{"name":"x"}', 2, 'gw1'), /line 2 is not a recorded test/);
  });

  it('picks the worker file that has the victim from a directory, and strips loadgroup suffixes', async () => {
    const dir = join(temp, 'record');
    mkdirSync(dir);
    writeFileSync(join(dir, 'gw0.jsonl'), GW0);
    writeFileSync(join(dir, 'gw1.jsonl'), GW1);
    const victim = 'tests/test_b.py::test_victim';
    const source = await openOrderSource({ kind: 'record', file: dir }, victim);
    assert.equal(source.label, 'worker gw1 of record');
    const collected = ['tests/test_c.py::test_three', 'tests/test_a.py::test_one', 'tests/test_a.py::test_two', victim];
    assert.deepEqual(source.resolve(collected, { runner: 'pytest' }), {
      order: ['tests/test_a.py::test_one', 'tests/test_a.py::test_two', victim],
      unknown: [],
      ambiguous: [],
      victimCandidates: [victim],
    });
    const one = await openOrderSource({ kind: 'record', file: join(dir, 'gw0.jsonl') }, 'tests/test_c.py::test_three');
    assert.equal(one.label, 'worker gw0 of gw0.jsonl');
    await assert.rejects(
      openOrderSource({ kind: 'record', file: join(dir, 'gw0.jsonl') }, victim),
      /is not in gw0\.jsonl/,
    );
    await assert.rejects(
      openOrderSource({ kind: 'record', file: dir, worker: 'gw4' }, victim),
      /--worker gw4: record has no worker gw4; it has gw0, gw1/,
    );
  });

  it('reads what each test left changed from a record made with --state, and its suspects as a trial would rank them', async () => {
    const dir = join(temp, 'record-state');
    mkdirSync(dir);
    const line = (nodeid: string, changes: unknown[]) =>
      JSON.stringify({ nodeid, worker: 'main', changes, outcome: 'passed' });
    const counter = ['global', 'app.calls', '1', '2']; // every test changes it: noise, as in a trial
    const tests = Array.from({ length: 6 }, (_, index) => `tests/test_a.py::test_${index}`);
    const victim = 'tests/test_b.py::test_victim';
    writeFileSync(
      join(dir, 'main.jsonl'),
      [
        line(tests[0]!, [['modules', 'sys.modules', '10', '40'], counter]), // importing is the interpreter's bookkeeping
        line(tests[1]!, [counter]),
        line(tests[2]!, [
          ['cache', 'app.config.get_config', 'lru_cache of 0 entries', 'lru_cache of 1 entry'],
          counter,
        ]),
        line(tests[3]!, [counter]),
        line(tests[4]!, [['env', 'MODE', null, 'test'], counter]),
        '{"nodeid":"tests/test_a.py::test_5","worker":"main","changes":[["bad row"]],"outcome":"passed"}',
        line(victim, []),
      ].join('\n'),
    );
    assert.deepEqual(parseRecordLine(line(tests[4]!, [['env', 'MODE', null, 'test']]), 1, 'main')?.changes, [
      ['env', 'MODE', null, 'test'],
    ]);
    assert.equal(
      parseRecordLine('{"nodeid":"a","changes":[["bad row"]]}', 1, 'main')?.changes,
      undefined,
      'a malformed field is left out',
    );
    const source = await openOrderSource({ kind: 'record', file: dir }, victim);
    const resolved = source.resolve([...tests, victim], { runner: 'pytest' });
    assert.deepEqual(resolved.order, [...tests, victim]);
    assert.deepEqual(resolved.footprints?.get(tests[2]!), [
      ['cache', 'app.config.get_config', 'lru_cache of 0 entries', 'lru_cache of 1 entry'],
      counter,
    ]);
    assert.equal(resolved.footprints?.has(tests[5]!), false);
    assert.deepEqual(recordedSuspects(tests, resolved.footprints!), [tests[2], tests[4]]);
  });
});

describe('reading a file', () => {
  it('tells the formats apart by content, not by name', () => {
    assert.equal(detectFormat(Buffer.from('\uFEFF  <?xml version="1.0"?><testsuites/>')), 'junit');
    assert.equal(detectFormat(Buffer.from('{\n  "numTotalTests": 1,\n  "testResults": []\n}')), 'json');
    assert.equal(detectFormat(Buffer.from('{"numTotalTests":1,"testResults":[]}')), 'json');
    assert.equal(detectFormat(Buffer.from('{"nodeid":"a.py::t","worker":"gw0"}\n')), 'record');
    assert.equal(detectFormat(Buffer.from('tests/a.py::t PASSED [100%]\n')), 'log');
    assert.throws(() => detectFormat(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00])), /is binary data/);
    assert.throws(() => detectFormat(Buffer.from([0x1f, 0x8b, 0x08, 0x00])), /gzip-compressed/);
    assert.throws(() => detectFormat(Buffer.alloc(0)), /is empty/);
  });

  it('reads a JUnit report saved as .txt, and says what a file is when its flag expects another format', async () => {
    const junit = file(
      '<testsuites><testsuite><testcase classname="tests.test_a" name="test_v"/></testsuite></testsuites>',
      'report.txt',
    );
    assert.deepEqual(await readArtifact('junit', junit), [{ titles: ['tests.test_a', 'test_v'], outcome: 'passed' }]);
    await assert.rejects(readArtifact('json', junit), {
      message: `--from-json ${junit} is JUnit XML, not a jest or vitest JSON result: pass it with --from-junit`,
    });
    await assert.rejects(
      readArtifact('log', join(temp, 'missing.log')),
      /cannot read the pytest -v log .*missing\.log: no such file/,
    );
    await assert.rejects(
      readArtifact('json', file('{"testResults": [')),
      /is not valid JSON \(.*\); a truncated file\?/,
    );
    await assert.rejects(
      readArtifact('log', file('just some text\nwithout tests\n')),
      /has no pytest result lines .*polluter reads pytest -v logs \(--from-log\), JUnit XML/,
    );
  });

  it('turns bytes that are not UTF-8 into U+FFFD: that test matches no id and is reported unknown, the rest works', async () => {
    const log = file(
      Buffer.concat([
        Buffer.from('[gw0] [ 33%] PASSED tests/test_a.py::test_p[caf'),
        Buffer.from([0xe9]), // latin-1 é
        Buffer.from(']\n[gw0] [ 66%] PASSED tests/test_a.py::test_ok\n[gw0] [100%] FAILED tests/test_a.py::test_v\n'),
      ]),
    );
    const source = await openOrderSource({ kind: 'log', file: log }, 'tests/test_a.py::test_v');
    const resolved = source.resolve(
      ['tests/test_a.py::test_p[caf\\xe9]', 'tests/test_a.py::test_ok', 'tests/test_a.py::test_v'],
      { runner: 'pytest' },
    );
    assert.deepEqual(resolved.order, ['tests/test_a.py::test_ok', 'tests/test_a.py::test_v']);
    assert.deepEqual(resolved.unknown, ['tests/test_a.py::test_p[caf\uFFFD]']);
  });

  it('matches node ids across a rootdir above or below the project, and without the loadgroup suffix', () => {
    const tests = parseLog(
      ['[gw0] [ 50%] PASSED api/tests/test_a.py::test_one@db', '[gw0] [100%] FAILED api/tests/test_a.py::test_v'].join(
        '\n',
      ),
    );
    const run = selectVictimRun(tests, 'tests/test_a.py::test_v', 'log', 'ci.log');
    const collected = ['tests/test_a.py::test_one', 'tests/test_a.py::test_v'];
    assert.deepEqual(
      resolveArtifactTests(run.tests, 'tests/test_a.py::test_v', { collected, runner: 'pytest', format: 'log' }).order,
      collected,
    );
    const deeper = ['backend/tests/test_a.py::test_one', 'backend/tests/test_a.py::test_v'];
    const shorter = selectVictimRun(
      parseLog('tests/test_a.py::test_one PASSED [ 50%]\ntests/test_a.py::test_v FAILED [100%]'),
      deeper[1]!,
      'log',
      'ci.log',
    );
    assert.deepEqual(
      resolveArtifactTests(shorter.tests, deeper[1]!, { collected: deeper, runner: 'pytest', format: 'log' }).order,
      deeper,
    );
  });
});
