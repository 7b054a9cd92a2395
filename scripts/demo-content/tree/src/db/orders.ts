import type { Pool } from 'pg';
import type { OrderMeta } from '../orders/meta';
import type { Order } from '../orders/types';

const INSERT_ORDER = `
  INSERT INTO orders (id, partition_key, customer_id, currency, total_cents, region, source, status, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

const INSERT_ITEM = `
  INSERT INTO order_items (order_id, partition_key, sku, quantity, unit_price_cents)
  VALUES ($1, $2, $3, $4, $5)`;

/** Writes the order and its items in one transaction. The partition key comes from meta. */
export async function insertOrder(pool: Pool, order: Order, meta: OrderMeta): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(INSERT_ORDER, [
      order.id,
      meta.partitionKey,
      order.customerId,
      order.currency,
      order.totalCents,
      meta.region,
      meta.source,
      order.status,
      order.createdAt,
    ]);
    for (const item of order.items) {
      await client.query(INSERT_ITEM, [order.id, meta.partitionKey, item.sku, item.quantity, item.unitPriceCents]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function updateOrderStatus(
  pool: Pool,
  id: string,
  partitionKey: string,
  status: Order['status'],
): Promise<void> {
  await pool.query('UPDATE orders SET status = $1 WHERE partition_key = $2 AND id = $3', [status, partitionKey, id]);
}
