// Passed with --reporters. Appends each test's start and result to the events file as it happens, so that a
// process.exit() or a killed worker still leaves behind which tests ran and which one was running.
const fs = require('node:fs');
const projectName = require('./project-name.cjs');

class PolluterReporter {
  write(test, event) {
    const record = { ...event, project: projectName(test.context.config), file: test.path };
    fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify(record)}\n`);
  }

  onTestCaseStart(test, info) {
    this.write(test, { event: 'test-start', path: [...info.ancestorTitles, info.title] });
  }

  onTestCaseResult(test, result) {
    const seconds = typeof result.duration === 'number' ? result.duration / 1000 : undefined;
    this.write(test, { event: 'test-result', path: [...result.ancestorTitles, result.title], status: result.status, seconds });
  }

  onTestFileResult(test, result) {
    const error = result.testExecError;
    this.write(test, { event: 'file-result', error: error ? String(error.message ?? error) : null });
  }

  onRunComplete() {
    fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify({ event: 'end' })}\n`);
  }

  getLastError() {
    return undefined;
  }
}

module.exports = PolluterReporter;
