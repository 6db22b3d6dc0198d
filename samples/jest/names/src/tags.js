'use strict';

// Words nobody may use as a tag on the forum. Moderators can add more at runtime.
const reservedSlugs = new Set(['admin', 'moderator', 'staff']);

function slugify(label) {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function reserveTag(label) {
  reservedSlugs.add(slugify(label));
}

function reservedTags() {
  return [...reservedSlugs].sort();
}

function createTag(label) {
  const slug = slugify(label);
  if (slug === '') {
    throw new Error(`"${label}" has no letters or digits`);
  }
  if (reservedSlugs.has(slug)) {
    throw new Error(`tag "${slug}" is reserved`);
  }
  return { label: label.trim(), slug };
}

module.exports = { slugify, reserveTag, reservedTags, createTag };
