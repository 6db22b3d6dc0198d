'use strict';

function displayName(address) {
  const local = address.split('@')[0].split('+')[0];
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ');
}

module.exports = { displayName };
