'use strict';

// Payment providers available to checkout. Empty until the app boots and
// calls registerBuiltins() (see src/server.js in a real app).
const providers = new Map();

function register(name, provider) {
  providers.set(name, provider);
}

function registerBuiltins() {
  register('card', { charge: (amount) => ({ status: 'charged', amount }) });
  register('invoice', { charge: (amount) => ({ status: 'invoiced', amount, dueInDays: 30 }) });
}

function providerFor(name) {
  const provider = providers.get(name);
  if (!provider) {
    throw new Error(`payment provider "${name}" is not registered`);
  }
  return provider;
}

function registeredNames() {
  return [...providers.keys()].sort();
}

module.exports = { register, registerBuiltins, providerFor, registeredNames };
