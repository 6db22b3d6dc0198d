module.exports = {
  testEnvironment: 'node',
  // Deliberately no `restoreMocks: true`: spies live until someone restores them.
};
