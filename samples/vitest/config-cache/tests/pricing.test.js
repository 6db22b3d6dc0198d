import { describe, test, expect } from 'vitest';
import { storageBucket } from '../src/pricing.js';

describe('storage buckets', () => {
  test('live in the US region for American customers', () => {
    // Set by hand and never put back: the cached config keeps it for every later test of the file.
    process.env.APP_REGION = 'us-east-2';
    expect(storageBucket('invoices')).toBe('invoices-us-east-2');
  });

  test('live in the default region otherwise', () => {
    expect(storageBucket('invoices')).toBe('invoices-eu-west-1');
  });
});
