import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { insertOrder } from '../db/orders';
import { logger } from '../logger';
import { recordOrderCreated } from '../metrics/orders';
import { buildMeta } from './meta';
import { partitionFor } from './partition';
import type { Order, OrderInput } from './types';
import { validateOrder } from './validate';

export async function createOrder(pool: Pool, input: OrderInput): Promise<Order> {
  validateOrder(input);

  const order: Order = {
    id: randomUUID(),
    customerId: input.customerId,
    currency: input.currency,
    region: input.region,
    source: input.source ?? 'web',
    items: input.items,
    totalCents: totalOf(input),
    status: 'pending',
    createdAt: new Date(),
  };

  order.partitionKey = partitionFor(order.customerId);
  const meta = buildMeta(order);

  await insertOrder(pool, order, meta);
  recordOrderCreated(meta);
  logger.info({ orderId: order.id, partition: meta.partitionKey }, 'order created');
  return order;
}

function totalOf(input: OrderInput): number {
  return input.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}
