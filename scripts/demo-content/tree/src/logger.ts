import pino from 'pino';

export const logger = pino({
  name: 'checkout-service',
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['paymentToken', 'req.headers.authorization'],
});
