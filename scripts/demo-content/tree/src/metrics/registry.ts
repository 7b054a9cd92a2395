import { collectDefaultMetrics, Registry } from 'prom-client';

export const registry = new Registry();
registry.setDefaultLabels({ service: 'checkout-service' });
collectDefaultMetrics({ register: registry });
