'use strict';

const DEFAULTS = Object.freeze({
  newCheckout: false,
  darkMode: true,
  betaSearch: false,
});

// Runtime overrides pushed by the admin console; they win over DEFAULTS.
const overrides = {};

function isOn(flag) {
  if (!(flag in DEFAULTS)) {
    throw new Error(`unknown feature flag "${flag}"`);
  }
  return flag in overrides ? overrides[flag] : DEFAULTS[flag];
}

function turnOn(flag) {
  isOn(flag);
  overrides[flag] = true;
}

function knownFlags() {
  return Object.keys(DEFAULTS);
}

module.exports = { isOn, turnOn, knownFlags };
