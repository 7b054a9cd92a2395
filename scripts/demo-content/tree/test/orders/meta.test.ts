import { describe, expect, it } from 'vitest';
import { buildMeta } from '../../src/orders/meta';
import type { Order } from '../../src/orders/types';

const order: Order = {
  id: '5b0f6a2e-3c1d-4e8f-9a7b-2d4c6e8f0a1b',
  customerId: 'cus_8f2k1',
  currency: 'EUR',
  region: 'eu-west-1',
  source: 'ios',
  items: [
    { sku: 'SKU-1001', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-2002', quantity: 1, unitPriceCents: 899 },
  ],
  totalCents: 3399,
  status: 'pending',
  createdAt: new Date('2024-03-01T10:00:00Z'),
  partitionKey: 'p07',
};

describe('buildMeta', () => {
  it('copies the routing fields', () => {
    const meta = buildMeta(order);
    expect(meta.partitionKey).toBe('p07');
    expect(meta.region).toBe('eu-west-1');
    expect(meta.source).toBe('ios');
  });

  it('summarises the items', () => {
    const meta = buildMeta(order);
    expect(meta.itemCount).toBe(2);
    expect(meta.totalCents).toBe(3399);
  });
});
