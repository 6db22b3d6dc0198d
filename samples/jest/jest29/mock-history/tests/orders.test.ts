import { describe, expect, jest, test } from '@jest/globals';
import { record } from '../src/audit';
import { cancelOrder, placeOrder } from '../src/orders';

// The audit trail is mocked for the whole file; nothing clears the mock's calls between tests (no clearMocks).
jest.mock('../src/audit');

describe('orders', () => {
  test('placing an order returns its id', () => {
    expect(placeOrder('A-1')).toBe('A-1');
  });

  test('an order id is kept as given', () => {
    expect('B-2'.toUpperCase()).toBe('B-2');
  });

  test('cancelling an order records one audit event', () => {
    cancelOrder('A-1');
    expect(record).toHaveBeenCalledTimes(1);
  });
});
