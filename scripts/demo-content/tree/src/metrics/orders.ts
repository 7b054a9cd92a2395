import { Counter, Histogram } from 'prom-client';
import type { OrderMeta } from '../orders/meta';
import { registry } from './registry';

const ordersCreated = new Counter({
  name: 'checkout_orders_created_total',
  help: 'Orders written to the database',
  labelNames: ['region', 'source'] as const,
  registers: [registry],
});

const orderValue = new Histogram({
  name: 'checkout_order_value_cents',
  help: 'Order totals in cents',
  buckets: [500, 1000, 2500, 5000, 10000, 25000, 50000, 100000],
  registers: [registry],
});

export function recordOrderCreated(meta: OrderMeta): void {
  ordersCreated.inc({ region: meta.region, source: meta.source });
  orderValue.observe(meta.totalCents);
}
