'use strict';

const { IdGenerator } = require('../src/ids');

describe('IdGenerator', () => {
  test('prefixes every id', () => {
    expect(new IdGenerator('inv').next()).toMatch(/^inv-/);
  });

  test('pads the counter to six digits', () => {
    const generator = new IdGenerator('ord');
    generator.next();
    expect(generator.next()).toBe('ord-000002');
  });
});
