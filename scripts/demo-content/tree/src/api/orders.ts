import { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { updateOrderStatus } from '../db/orders';
import { logger } from '../logger';
import { createOrder } from '../orders/createOrder';
import { authorisePayment } from '../payments/client';

const orderSchema = z.object({
  customerId: z.string().min(1),
  currency: z.enum(['EUR', 'USD', 'GBP']),
  region: z.string().min(1),
  source: z.enum(['web', 'ios', 'android', 'api']).optional(),
  items: z
    .array(
      z.object({
        sku: z.string().min(1),
        quantity: z.number().int().positive(),
        unitPriceCents: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  paymentToken: z.string().min(1),
});

export function ordersRouter(pool: Pool): Router {
  const router = Router();

  router.post('/orders', async (req, res, next) => {
    const parsed = orderSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
      return;
    }
    try {
      const { paymentToken, ...input } = parsed.data;
      const order = await createOrder(pool, input);
      const payment = await authorisePayment({
        orderId: order.id,
        amountCents: order.totalCents,
        currency: order.currency,
        token: paymentToken,
      });
      order.status = payment.approved ? 'authorised' : 'failed';
      await updateOrderStatus(pool, order.id, order.partitionKey!, order.status);
      logger.info({ orderId: order.id, status: order.status }, 'checkout finished');
      res.status(201).json({ id: order.id, status: order.status, totalCents: order.totalCents });
    } catch (err) {
      next(err);
    }
  });

  return router;
}
