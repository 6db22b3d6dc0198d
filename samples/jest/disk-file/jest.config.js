module.exports = {
  testEnvironment: 'node',
  // Remove a lock file left behind by an earlier run before and after every run,
  // so each jest process starts clean whatever order the files ran in.
  globalSetup: '<rootDir>/support/clear-stale-lock.js',
  globalTeardown: '<rootDir>/support/clear-stale-lock.js',
};
