// polluter's vitest record reporter (vitest 3 and 4): writes the order in which tests started to <dir>/main.jsonl, for
// `polluter find --from-record <dir>`. `polluter record -- vitest run …` adds it; in a config:
//   reporters: ['default', ['polluter/vitest-record-reporter', { outputDir: 'polluter-order' }]]
// (or the directory in POLLUTER_RECORD_DIR).
//
// A reporter lives in vitest's main process and is never told which worker ran a module: TestModule, its task (`pool`
// is the pool's name, e.g. "forks"), diagnostic() and meta carry no worker id (VITEST_POOL_ID exists only inside the
// worker). So there is one file, main.jsonl, without a `worker` field: the order the main process heard the tests
// start; the tests of modules that ran at the same time are interleaved.
import { createRequire } from 'node:module';
import path from 'node:path';

const { RecordFile } = createRequire(import.meta.url)('../js/record-file.cjs');
const OUTCOMES = { passed: 'passed', failed: 'failed', skipped: 'skipped' }; // pending: never finished (a crash)

export default class PolluterRecordReporter {
  constructor(options = {}) {
    this.directory = options.outputDir ?? process.env.POLLUTER_RECORD_DIR;
    if (!this.directory) throw new Error('polluter record reporter: set its outputDir option or POLLUTER_RECORD_DIR');
  }

  onInit(vitest) {
    this.root = vitest.config.root;
    this.severalProjects = vitest.projects.length > 1;
    this.file = new RecordFile(path.resolve(this.root, this.directory));
  }

  fields(testCase) {
    const titles = [];
    for (let node = testCase; node && node.type !== 'module'; node = node.parent) titles.unshift(node.name);
    const fields = { file: path.relative(this.root, testCase.module.moduleId).split(path.sep).join('/'), titles };
    if (this.severalProjects) fields.project = testCase.project.name;
    return fields;
  }

  onTestCaseReady(testCase) {
    this.file.start(testCase.id, this.fields(testCase));
  }

  onTestCaseResult(testCase) {
    this.file.finish(testCase.id, this.fields(testCase), OUTCOMES[testCase.result().state]);
  }

  onTestRunEnd() {
    this.file?.close();
  }
}
