'use strict';

const { format } = require('../src/digest');

test('names the topics of the pending messages, in order', () => {
  const messages = [
    { topic: 'mail', body: 'welcome Ada@example.org' },
    { topic: 'sms', body: 'your code is 1234' },
  ];
  expect(format(messages)).toBe('outbox: 2 pending (mail, sms)');
});
