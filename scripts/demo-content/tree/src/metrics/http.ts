import type { RequestHandler } from 'express';
import { Histogram } from 'prom-client';
import { registry } from './registry';

const requestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const httpMetrics: RequestHandler = (req, res, next) => {
  const end = requestDuration.startTimer({ method: req.method });
  res.on('finish', () => {
    end({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) });
  });
  next();
};
