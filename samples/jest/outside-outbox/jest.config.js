module.exports = {
  testEnvironment: 'node',
  // A fresh outbox folder (its path in OUTBOX_DIR) for every jest run, removed at its end: runs never share it.
  globalSetup: '<rootDir>/support/outbox-setup.js',
  globalTeardown: '<rootDir>/support/outbox-teardown.js',
};
