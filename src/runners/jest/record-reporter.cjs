// polluter's jest record reporter: writes the order in which tests started to <dir>/main.jsonl, for
// `polluter find --from-record <dir>`. `polluter record -- jest …` adds it; in a config:
//   reporters: ['default', ['polluter/jest-record-reporter', { outputDir: 'polluter-order' }]]
// (or the directory in POLLUTER_RECORD_DIR).
//
// A reporter lives in jest's main process and is never told which worker ran a file: Test, the test-case events and
// TestResult carry no worker id (JEST_WORKER_ID exists only inside the worker). So there is one file, main.jsonl,
// without a `worker` field: with --runInBand it is exactly the order the one process ran; with several workers it is
// the order the main process heard the tests start, the tests of files that ran at the same time interleaved.
const path = require('node:path');
const { RecordFile } = require('../js/record-file.cjs');
const projectName = require('./project-name.cjs');

const OUTCOMES = { passed: 'passed', failed: 'failed' }; // skipped, pending, todo, disabled: the test did not run

class PolluterRecordReporter {
  constructor(globalConfig, options) {
    const directory = options?.outputDir ?? process.env.POLLUTER_RECORD_DIR;
    if (!directory) throw new Error('polluter record reporter: set its outputDir option or POLLUTER_RECORD_DIR');
    this.root = globalConfig.rootDir;
    this.severalProjects = (globalConfig.projects?.length ?? 0) > 1;
    this.file = new RecordFile(path.resolve(directory));
  }

  fields(test, titles) {
    const fields = { file: path.relative(this.root, test.path).split(path.sep).join('/'), titles };
    if (this.severalProjects) fields.project = projectName(test.context.config);
    return fields;
  }

  key(test, titles) {
    return JSON.stringify([test.context.config.rootDir, test.path, titles]);
  }

  onTestCaseStart(test, info) {
    const titles = [...info.ancestorTitles, info.title];
    this.file.start(this.key(test, titles), this.fields(test, titles));
  }

  onTestCaseResult(test, result) {
    const titles = [...result.ancestorTitles, result.title];
    this.file.finish(this.key(test, titles), this.fields(test, titles), OUTCOMES[result.status] ?? 'skipped');
  }

  onRunComplete() {
    this.file.close();
  }

  getLastError() {
    return undefined;
  }
}

module.exports = PolluterRecordReporter;
