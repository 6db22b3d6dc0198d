// Passed with --reporters. Appends each test's start and result to the events file as it happens, so that a
// process.exit() or a killed worker still leaves behind which tests ran and which one was running.
const fs = require('node:fs');
const projectName = require('./project-name.cjs');

class PolluterReporter {
  write(test, event) {
    const record = { ...event, ...this.running(test) };
    fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify(record)}\n`);
  }

  /**
   * The project and file a test-case event belongs to. jest hands test-case events the Test of the last project that
   * has the file, so with one file in two projects the project comes from the file that started last (--runInBand
   * runs one file at a time).
   */
  running(test) {
    if (this.current?.file === test.path) return this.current;
    return { project: projectName(test.context.config), file: test.path };
  }

  onTestFileStart(test) {
    this.current = { project: projectName(test.context.config), file: test.path };
  }

  onTestCaseStart(test, info) {
    this.write(test, { event: 'test-start', path: [...info.ancestorTitles, info.title] });
  }

  onTestCaseResult(test, result) {
    const seconds = typeof result.duration === 'number' ? result.duration / 1000 : undefined;
    // The first failure with its stack: a failure raised inside polluter's own files makes the trial invalid.
    const error = result.status === 'failed' ? result.failureMessages?.[0] : undefined;
    this.write(test, {
      event: 'test-result',
      path: [...result.ancestorTitles, result.title],
      status: result.status,
      seconds,
      ...(error ? { error } : {}),
    });
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
