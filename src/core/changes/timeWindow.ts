import type { TimeWindow } from '../model/changes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type WindowPreset = '1h' | '6h' | '24h' | '7d' | 'lastDeploy';

export const WINDOW_PRESETS: readonly { id: WindowPreset; label: string }[] = [
  { id: '1h', label: 'Last 1 hour' },
  { id: '6h', label: 'Last 6 hours' },
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: 'lastDeploy', label: 'Since the last deploy' },
];

export type ParsedStart = { ok: true; start: number; label: string } | { ok: false; message: string };

const UNIT_MS: Record<string, number> = { m: MINUTE, min: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/**
 * Reads a window start typed by a person: a duration back from now (`2h`, `90m`, `1h30m`, `7d`),
 * an ISO date-time (`2026-11-23T14:00Z`, `2026-11-23 14:00`, local time when no zone is given),
 * or a day word with a time (`yesterday 14:00`, `today 9:30`, `14:00`).
 */
export function parseWindowStart(input: string, now: number): ParsedStart {
  const text = input.trim().toLowerCase();
  if (!text) return { ok: false, message: 'Type a start such as 2h, 90m, 2026-11-23 14:00 or yesterday 14:00.' };

  const duration = parseDuration(text);
  if (duration !== undefined) {
    if (duration <= 0) return { ok: false, message: 'The duration must be longer than zero.' };
    if (duration > 3650 * DAY) return { ok: false, message: 'That reaches back more than ten years.' };
    return { ok: true, start: now - duration, label: `last ${formatDuration(duration)}` };
  }

  const dayWord = /^(today|yesterday)(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text) ?? /^()(\d{1,2}):(\d{2})$/.exec(text);
  if (dayWord) {
    const [, word, hh, mm] = dayWord;
    const d = new Date(now);
    if (word === 'yesterday') d.setDate(d.getDate() - 1);
    const hours = hh === undefined ? 0 : Number(hh);
    const minutes = mm === undefined ? 0 : Number(mm);
    if (hours > 23 || minutes > 59) return { ok: false, message: `${input.trim()} is not a time of day.` };
    d.setHours(hours, minutes, 0, 0);
    // A bare time later than now means that time yesterday.
    if (!word && d.getTime() > now) d.setDate(d.getDate() - 1);
    if (d.getTime() > now) return { ok: false, message: 'That start is in the future.' };
    return { ok: true, start: d.getTime(), label: `since ${input.trim()}` };
  }

  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (iso) {
    const [, y, mo, da, hh = '00', mi = '00', ss = '00', zone] = iso;
    let ms: number;
    if (zone) {
      const z = zone === 'z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
      ms = Date.parse(`${y}-${mo}-${da}T${hh}:${mi}:${ss}${z}`);
    } else {
      ms = new Date(Number(y), Number(mo) - 1, Number(da), Number(hh), Number(mi), Number(ss)).getTime();
    }
    if (Number.isNaN(ms) || Number(mo) > 12 || Number(da) > 31 || Number(hh) > 23 || Number(mi) > 59) {
      return { ok: false, message: `${input.trim()} is not a valid date-time.` };
    }
    if (ms > now) return { ok: false, message: 'That start is in the future.' };
    return { ok: true, start: ms, label: `since ${input.trim()}` };
  }

  return { ok: false, message: `Could not read "${input.trim()}". Try 2h, 90m, 2026-11-23 14:00 or yesterday 14:00.` };
}

/** `90m` → 5,400,000; `1h30m` → 5,400,000; anything else → undefined. */
export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^(\d+(?:\.\d+)?(?:m|min|h|d|w))+$/.test(compact)) return undefined;
  let total = 0;
  for (const m of compact.matchAll(/(\d+(?:\.\d+)?)(min|m|h|d|w)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

export function formatDuration(ms: number): string {
  if (ms % DAY === 0 && ms > DAY) return `${ms / DAY} days`;
  if (ms % HOUR === 0) return `${ms / HOUR} h`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / MINUTE)} min`;
  return `${Math.round(ms / MINUTE)} min`;
}

/** A preset or a typed start turned into a window ending now. lastDeploy needs the deploy time. */
export function windowFor(spec: string, now: number, lastDeployTime?: number, lastDeployName?: string): TimeWindow | { error: string } {
  const s = spec.trim();
  if (s === 'lastDeploy') {
    if (lastDeployTime === undefined) return { error: 'No deploy tag was found, so there is no last deploy to start from.' };
    return { start: lastDeployTime, end: now, label: `since ${lastDeployName ?? 'the last deploy'}` };
  }
  const parsed = parseWindowStart(s, now);
  if (!parsed.ok) return { error: parsed.message };
  return { start: parsed.start, end: now, label: parsed.label };
}

/** A wider window to suggest when this one is empty. */
export function widerPreset(window: TimeWindow): string | undefined {
  const span = window.end - window.start;
  if (span < 6 * HOUR) return '6h';
  if (span < DAY) return '24h';
  if (span < 7 * DAY) return '7d';
  if (span < 30 * DAY) return '30d';
  return undefined;
}

/** "3 min ago", "2 h ago", "yesterday", "4 days ago". */
export function formatRelative(time: number, now: number): string {
  const diff = now - time;
  if (diff < 0) return 'in the future';
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  const days = Math.floor(diff / DAY);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Absolute time in UTC, ISO-like and short: 2026-11-23 14:02 UTC. */
export function formatAbsoluteUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
