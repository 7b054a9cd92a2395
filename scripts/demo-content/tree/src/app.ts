import express from 'express';
import type { Pool } from 'pg';
import { errorHandler } from './api/errors';
import { healthRouter } from './api/health';
import { ordersRouter } from './api/orders';
import { httpMetrics } from './metrics/http';
import { registry } from './metrics/registry';

export function createApp(pool: Pool): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.use(httpMetrics);

  app.use(healthRouter(pool));
  app.use(ordersRouter(pool));
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', registry.contentType);
    res.send(await registry.metrics());
  });

  app.use(errorHandler);
  return app;
}
