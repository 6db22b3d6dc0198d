'use strict';

const flags = require('./flags');

function checkoutPage(user) {
  const layout = flags.isOn('newCheckout') ? 'one-page' : 'classic';
  const theme = flags.isOn('darkMode') && user.prefersDark ? 'dark' : 'light';
  return { layout, theme, greeting: `Ready to pay, ${user.firstName}?` };
}

module.exports = { checkoutPage };
