/**
 * Defensive readers for JSON from outside: a field that is missing or of another type reads as
 * undefined instead of crashing, so a new or older server version degrades one field at a time.
 */
import { badResponse } from './failures';

export type JsonObject = Record<string, unknown>;

export function asObject(v: unknown): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** Strings as they are; numbers (ids are sometimes sent as numbers) as their decimal text. */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Numbers, and numeric strings (Sentry sends counts as strings). */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function asBoolean(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** An ISO-8601 date → ms since the epoch. */
export function asTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** Links from outside are opened by the views: only http(s), nothing like `javascript:`. */
export function asWebUrl(v: unknown): string | undefined {
  const s = asString(v);
  if (!s) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A list where the API promises one: anything else means we are not talking to that API. */
export function expectArray(v: unknown, ctx: { service: string; what: string }): unknown[] {
  if (Array.isArray(v)) return v;
  const shown = JSON.stringify(v) ?? String(v);
  throw badResponse(ctx, `a list was expected but ${v === null ? 'null' : typeof v} came`, 'application/json', shown);
}

export function expectObject(v: unknown, ctx: { service: string; what: string }): JsonObject {
  const o = asObject(v);
  if (o) return o;
  const shown = JSON.stringify(v) ?? String(v);
  throw badResponse(ctx, `an object was expected but ${Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v} came`, 'application/json', shown);
}
