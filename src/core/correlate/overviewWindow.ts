/** The Incident overview's window: the incident's (from a while before it started), the last 1, 6 or 24 hours, or a custom one. */
import { parseDuration } from '../changes/timeWindow';
import type { WindowPreset } from './overview';

const HOUR = 3_600_000;
/** The incident's window starts this long before the incident did: causes come first. */
export const BEFORE_INCIDENT_MS = 2 * HOUR;
const PRESET_MS: Record<'1h' | '6h' | '24h', number> = { '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR };

export interface OverviewWindow {
  start: number;
  end: number;
  label: string;
}

/**
 * The window a preset stands for now. Without an incident (or its start) the incident preset
 * falls back to the last 24 hours; a custom window runs until now.
 */
export function overviewWindow(preset: WindowPreset, o: { now: number; started?: number; custom?: { start: number } }): { window: OverviewWindow; preset: WindowPreset } {
  if (preset === 'incident' && o.started !== undefined && Number.isFinite(o.started)) {
    return { preset, window: { start: o.started - BEFORE_INCIDENT_MS, end: o.now, label: 'incident window' } };
  }
  if (preset === 'custom' && o.custom && o.custom.start < o.now) return { preset, window: { start: o.custom.start, end: o.now, label: 'custom window' } };
  const p = preset === '1h' || preset === '6h' ? preset : '24h';
  return { preset: p, window: { start: o.now - PRESET_MS[p], end: o.now, label: `last ${p.replace('h', ' h')}` } };
}

/**
 * The start of a custom window: a duration back from now ("90m", "3h", "2d") or a date and time
 * ("2026-11-23 14:05", UTC unless it carries an offset). Undefined when unreadable or in the future.
 */
export function parseWhen(text: string, now: number): number | undefined {
  const v = text.trim();
  if (!v) return undefined;
  const d = parseDuration(v);
  if (d !== undefined) return d > 0 ? now - d : undefined;
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) && t < now ? t : undefined;
}
