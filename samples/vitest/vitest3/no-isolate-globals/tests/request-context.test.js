import { describe, test, expect } from 'vitest';
import { withRequestContext } from '../src/request-context.js';
import { formatLine } from '../src/logger.js';

describe('request context middleware', () => {
  test('log lines inside the handler carry the request id', async () => {
    const line = await withRequestContext({ id: 'req-1' }, async () => formatLine('info', 'loading cart'));
    expect(line).toBe('[INFO] loading cart requestId=req-1');
  });

  test('the context is gone once the response is sent', async () => {
    await withRequestContext({ id: 'req-2' }, async () => 'ok');
    expect(globalThis.__requestContext).toBeUndefined();
  });

  test('a failing handler still propagates its error', async () => {
    const failing = async () => {
      throw new Error('payment backend unavailable');
    };
    await expect(withRequestContext({ id: 'req-503' }, failing)).rejects.toThrow('payment backend unavailable');
  });
});
