// Which test files a limited listing loads (jest's sequencer, vitest's driver): those an order names, compared as
// polluter compares an order's paths with the project's (src/ci/names.ts `samePath`): equal, or one ends with the
// other at a `/` (a CI checkout's absolute path, a root one folder above or below the project).
'use strict';
const path = require('node:path');

const normal = (file) => file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');

function samePath(a, b) {
  const [x, y] = [normal(a), normal(b)];
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

/** A test (absolute path) → whether the listing loads it; every file when `files` is undefined. */
function fileFilter(files, root) {
  if (!Array.isArray(files)) return () => true;
  return (absolute) => {
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    return files.some((wanted) => samePath(relative, wanted) || samePath(absolute, wanted));
  };
}

module.exports = { fileFilter, samePath };
