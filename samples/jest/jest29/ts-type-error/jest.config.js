// A TypeScript library tested with jest 29 and ts-jest, which type-checks every test file it compiles: a file with
// a type error cannot be loaded at all.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
};
