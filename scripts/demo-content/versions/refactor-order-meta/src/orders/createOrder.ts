import type { Pool } from 'pg';
import { insertOrder } from '../db/orders';
import { isEnabled } from '../flags';
import { logger } from '../logger';
import { recordOrderCreated } from '../metrics/orders';
import { emitAuditEvent } from './audit';
import { buildOrderMeta, newOrder } from './meta';
import { partitionFor } from './partition';
import type { Order, OrderInput } from './types';
import { validateOrder } from './validate';

export async function createOrder(pool: Pool, input: OrderInput, idempotencyKey?: string): Promise<Order> {
  validateOrder(input);

  const order = newOrder(input, idempotencyKey);
  const meta = buildOrderMeta(order);
  order.partitionKey = partitionFor(order.customerId);

  await insertOrder(pool, order, meta);
  recordOrderCreated(meta);
  if (isEnabled('order_audit_log', order.customerId)) {
    emitAuditEvent('order.created', meta);
  }
  logger.info({ orderId: order.id, partition: order.partitionKey }, 'order created');
  return order;
}
