'use strict';

const { debounce } = require('../src/debounce');
const { highlight } = require('../src/highlight');
const { waitUntil } = require('../src/wait-until');

describe('search box', () => {
  test('marks every match of the query', () => {
    expect(highlight('Lamp, desk lamp', 'lamp')).toBe('<mark>Lamp</mark>, desk <mark>lamp</mark>');
  });

  test('queries once the user stops typing', () => {
    // The old timer API this code base grew up with: jest 26-style fake timers, never switched back.
    jest.useFakeTimers({ legacyFakeTimers: true });
    const search = jest.fn();
    const onInput = debounce(search, 250);
    onInput('l');
    onInput('la');
    onInput('lamp');
    jest.advanceTimersByTime(250);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('lamp');
  });

  test('leaves the text alone for a blank query', () => {
    expect(highlight('Lamp (brass)', '  ')).toBe('Lamp (brass)');
  });

  test('shows results once the index has loaded', async () => {
    let loaded = false;
    setTimeout(() => {
      loaded = true;
    }, 20);
    await waitUntil(() => loaded, { intervalMs: 5, timeoutMs: 200 });
    expect(loaded).toBe(true);
  }, 400);
});
