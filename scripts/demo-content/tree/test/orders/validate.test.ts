import { describe, expect, it } from 'vitest';
import { validateOrder, ValidationError } from '../../src/orders/validate';

const base = { customerId: 'cus_1', currency: 'EUR' as const, region: 'eu-west-1' };

describe('validateOrder', () => {
  it('accepts a normal cart', () => {
    expect(() => validateOrder({ ...base, items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 100 }] })).not.toThrow();
  });

  it('rejects an empty cart', () => {
    expect(() => validateOrder({ ...base, items: [] })).toThrow(ValidationError);
  });

  it('rejects silly quantities', () => {
    expect(() => validateOrder({ ...base, items: [{ sku: 'SKU-1', quantity: 51, unitPriceCents: 100 }] })).toThrow(
      /exceeds 50/,
    );
  });
});
