'use strict';

const tokens = require('../src/tokens');

test('tokens are 16 hex characters', () => {
  expect(tokens.next()).toMatch(/^[0-9a-f]{16}$/);
});
