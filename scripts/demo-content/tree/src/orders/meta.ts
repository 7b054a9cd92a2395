import type { Order } from './types';

/** Denormalised facts about an order, shared by the insert, the metrics and the logs. */
export interface OrderMeta {
  orderId: string;
  customerId: string;
  partitionKey: string;
  region: string;
  source: string;
  itemCount: number;
  totalCents: number;
}

export function buildMeta(order: Order): OrderMeta {
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
