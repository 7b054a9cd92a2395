import { Pool } from 'pg';
import type { DatabaseConfig } from '../config';
import { logger } from '../logger';

export function createPool(config: DatabaseConfig): Pool {
  const pool = new Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: process.env.DATABASE_PASSWORD,
    max: config.poolMax,
    idleTimeoutMillis: config.idleTimeoutMs,
    statement_timeout: config.statementTimeoutMs,
  });
  pool.on('error', (err) => logger.error({ err }, 'idle database client error'));
  return pool;
}
