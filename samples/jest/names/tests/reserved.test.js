'use strict';

const { reservedTags } = require('../src/tags');

describe('reserved tags', () => {
  test('start with the staff words', () => {
    expect(reservedTags()).toEqual(['admin', 'moderator', 'staff']);
  });
});
