import { describe, expect, it, vi } from 'vitest';
import { createOrder } from '../../src/orders/createOrder';

function fakePool() {
  const queries: { text: string; values: unknown[] }[] = [];
  const client = {
    query: vi.fn(async (text: string, values: unknown[] = []) => {
      queries.push({ text, values });
      return { rows: [] };
    }),
    release: vi.fn(),
  };
  return { pool: { connect: vi.fn(async () => client) } as never, queries };
}

describe('createOrder with an idempotency key', () => {
  it('stores the key with the order', async () => {
    const { pool, queries } = fakePool();
    await createOrder(
      pool,
      { customerId: 'cus_1', currency: 'EUR', region: 'eu-west-1', items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 500 }] },
      'idem-123',
    );
    const insert = queries.find((q) => q.text.includes('INSERT INTO orders'));
    expect(insert?.values).toContain('idem-123');
  });
});
