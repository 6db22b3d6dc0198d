'use strict';

const tokens = require('../src/tokens');
const { openSession, resetLink } = require('../src/accounts');

describe('accounts', () => {
  test('prints a readable reset link in the welcome email', () => {
    jest.spyOn(tokens, 'next').mockReturnValue('TOKEN');
    expect(resetLink('ana')).toBe('https://shop.example/reset?user=ana&token=TOKEN');
  });

  test('keeps the user on the session', () => {
    expect(openSession('ana').user).toBe('ana');
  });

  test('escapes the user name in the reset link', () => {
    expect(resetLink('ana maria')).toContain('user=ana%20maria&');
  });

  test('puts the token last in the reset link', () => {
    expect(resetLink('ana')).toMatch(/&token=\w+$/);
  });

  test('gives two sessions of the same user different tokens', () => {
    expect(openSession('ana').token).not.toBe(openSession('ana').token);
  });

  test('makes a fresh reset link each time one is asked for', () => {
    expect(resetLink('ana')).not.toBe(resetLink('ana'));
  });
});
