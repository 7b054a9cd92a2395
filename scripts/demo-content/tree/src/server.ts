import { createApp } from './app';
import { loadConfig } from './config';
import { createPool } from './db/pool';
import { logger } from './logger';

const config = loadConfig();
const pool = createPool(config.database);
const app = createApp(pool);

const server = app.listen(config.server.port, () => {
  logger.info({ port: config.server.port }, 'checkout-service listening');
});
server.requestTimeout = config.server.requestTimeoutMs;

function shutdown(signal: string): void {
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    pool.end().finally(() => process.exit(0));
  });
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
