import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { logger } from '../logger';

/** Reuses the ingress request id when there is one, so logs line up across services. */
export const requestId: RequestHandler = (req, res, next) => {
  const id = req.header('x-request-id') ?? randomUUID();
  res.setHeader('x-request-id', id);
  res.locals.log = logger.child({ requestId: id });
  next();
};
