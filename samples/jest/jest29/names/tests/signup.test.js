'use strict';

const { blockDomain, checkAddress } = require('../src/signup');

describe('checkAddress', () => {
  test('refuses throwaway providers', () => {
    expect(checkAddress('bot@mailinator.com')).toEqual({ ok: false, reason: 'disposable' });
  });

  test('refuses throwaway providers', () => {
    blockDomain('Example.org');
    expect(checkAddress('spam@example.org').reason).toBe('disposable');
  });

  test.each(['kim@example.org', 'ole.berg@posteo.de', 'x+tag@uni-muenster.de'])(
    'accepts %s',
    (address) => {
      expect(checkAddress(address)).toEqual({ ok: true });
    },
  );

  test.each([
    ['no-at-sign.example.org', 'malformed'],
    ['two@@example.org', 'malformed'],
  ])('rejects %s as %s', (address, reason) => {
    expect(checkAddress(address).reason).toBe(reason);
  });
});
