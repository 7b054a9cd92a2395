import { Router } from 'express';
import type { Pool } from 'pg';

export function healthRouter(_pool: Pool): Router {
  const router = Router();

  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return router;
}
