import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { logger } from '../logger';
import { createPool } from './pool';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

async function migrate(): Promise<void> {
  const pool = createPool(loadConfig().database);
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await pool.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const name of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
      if (applied.has(name)) continue;
      logger.info({ migration: name }, 'applying migration');
      await pool.query(readFileSync(join(MIGRATIONS_DIR, name), 'utf8'));
      await pool.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
  } finally {
    await pool.end();
  }
}

migrate().catch((err) => {
  logger.error({ err }, 'migration failed');
  process.exit(1);
});
