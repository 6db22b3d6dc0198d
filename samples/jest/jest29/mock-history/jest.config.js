// A TypeScript service on jest 29 with ts-jest (transpiled only: isolatedModules). No clearMocks: a jest.mock'ed
// function keeps every call until a test clears it.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }] },
};
