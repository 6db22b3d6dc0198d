'use strict';

const flags = require('../src/flags');
const { checkoutPage } = require('../src/checkout-page');

const ines = { firstName: 'Ines', prefersDark: true };

describe('checkout page', () => {
  test('greets the shopper by first name', () => {
    expect(checkoutPage(ines).greeting).toBe('Ready to pay, Ines?');
  });

  test('shows the one-page layout to beta testers', () => {
    flags.turnOn('newCheckout');
    expect(checkoutPage(ines).layout).toBe('one-page');
  });

  test('respects the dark theme preference', () => {
    expect(checkoutPage(ines).theme).toBe('dark');
  });

  test('renders the classic layout by default', () => {
    expect(checkoutPage(ines).layout).toBe('classic');
  });
});
