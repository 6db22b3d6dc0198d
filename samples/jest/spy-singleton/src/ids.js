'use strict';

class IdGenerator {
  constructor(prefix) {
    this.prefix = prefix;
    this.counter = 0;
  }

  next() {
    this.counter += 1;
    return `${this.prefix}-${String(this.counter).padStart(6, '0')}`;
  }
}

// One generator for the whole process, so order numbers never repeat.
module.exports = new IdGenerator('ord');
module.exports.IdGenerator = IdGenerator;
