import { Router } from 'express';
import type { Pool } from 'pg';

const PAGE_SIZE = 500;

/** Finance exports a day of orders as CSV for reconciliation. */
export function exportRouter(pool: Pool): Router {
  const router = Router();

  router.get('/internal/orders/export', async (req, res, next) => {
    const day = String(req.query.day ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      res.status(400).json({ error: 'day must be YYYY-MM-DD' });
      return;
    }
    try {
      res.type('text/csv');
      res.write('id,customer_id,currency,total_cents,status,created_at\n');
      let offset = 0;
      for (;;) {
        const { rows } = await pool.query(
          `SELECT id, customer_id, currency, total_cents, status, created_at FROM orders
           WHERE created_at >= $1::date AND created_at < $1::date + 1
           ORDER BY created_at, id LIMIT $2 OFFSET $3`,
          [day, PAGE_SIZE, offset],
        );
        for (const r of rows) {
          res.write(`${r.id},${r.customer_id},${r.currency},${r.total_cents},${r.status},${r.created_at.toISOString()}\n`);
        }
        if (rows.length < PAGE_SIZE) break;
        offset += PAGE_SIZE;
      }
      res.end();
    } catch (err) {
      next(err);
    }
  });

  return router;
}
