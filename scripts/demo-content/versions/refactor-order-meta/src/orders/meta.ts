import { randomUUID } from 'node:crypto';
import type { Order, OrderInput } from './types';

/** Denormalised facts about an order, shared by the insert, the metrics, the logs and the audit trail. */
export interface OrderMeta {
  orderId: string;
  customerId: string;
  partitionKey: string;
  region: string;
  source: string;
  itemCount: number;
  totalCents: number;
}

/** A new pending order for validated input. */
export function newOrder(input: OrderInput, idempotencyKey?: string): Order {
  return {
    id: randomUUID(),
    customerId: input.customerId,
    currency: input.currency,
    region: input.region,
    source: input.source ?? 'web',
    items: input.items,
    totalCents: totalOf(input),
    status: 'pending',
    createdAt: new Date(),
    idempotencyKey,
  };
}

export function buildOrderMeta(order: Order): OrderMeta {
  return {
    orderId: order.id,
    customerId: order.customerId,
    partitionKey: order.partitionKey as string,
    region: order.region,
    source: order.source,
    itemCount: order.items.length,
    totalCents: order.totalCents,
  };
}

function totalOf(input: OrderInput): number {
  return input.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}
