'use strict';

// Throwaway mail providers we refuse at sign-up. The list grows while the app runs
// (support staff can block a domain without a deploy).
const blockedDomains = ['mailinator.com', 'trashmail.de'];

const ADDRESS = /^[^\s@]+@([^\s@]+\.[a-z]{2,})$/i;

function blockDomain(domain) {
  blockedDomains.push(domain.toLowerCase());
}

function checkAddress(address) {
  const match = ADDRESS.exec(address.trim());
  if (!match) {
    return { ok: false, reason: 'malformed' };
  }
  if (blockedDomains.includes(match[1].toLowerCase())) {
    return { ok: false, reason: 'disposable' };
  }
  return { ok: true };
}

module.exports = { blockDomain, checkAddress };
