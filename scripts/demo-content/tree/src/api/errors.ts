import type { ErrorRequestHandler } from 'express';
import { logger } from '../logger';
import { ValidationError } from '../orders/validate';

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof ValidationError) {
    res.status(422).json({ error: 'invalid_order', message: err.message });
    return;
  }
  logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
  res.status(500).json({ error: 'internal_error' });
};
