'use strict';

const { displayName } = require('../src/display-name');

describe('displayName', () => {
  test('splits dotted local parts into words', () => {
    expect(displayName('ole.berg@posteo.de')).toBe('Ole Berg');
  });

  test('drops the plus tag', () => {
    expect(displayName('x+newsletter@uni-muenster.de')).toBe('X');
  });
});
