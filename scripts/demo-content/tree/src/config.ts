import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface DatabaseConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  poolMax: number;
  idleTimeoutMs: number;
  statementTimeoutMs: number;
}

export interface Config {
  server: { port: number; requestTimeoutMs: number };
  database: DatabaseConfig;
  payments: { baseUrl: string };
  logging: { level: string };
}

const CONFIG_DIR = process.env.CONFIG_DIR ?? join(__dirname, '..', 'config');

export function loadConfig(env = process.env.APP_ENV ?? 'development'): Config {
  const base = readYaml('default.yml');
  const overrides = env === 'development' ? {} : readYaml(`${env}.yml`);
  return deepMerge(base, overrides) as unknown as Config;
}

function readYaml(name: string): Record<string, unknown> {
  return (parse(readFileSync(join(CONFIG_DIR, name), 'utf8')) as Record<string, unknown>) ?? {};
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key];
    out[key] = isObject(prev) && isObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
