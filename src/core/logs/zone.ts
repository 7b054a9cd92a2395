/**
 * Wall-clock times without an offset ("2024-03-31 02:30:00") read in a configured time zone.
 *
 * Only Intl knows the rules of an IANA zone, and asking it is slow (microseconds), so the
 * offset is cached per quarter hour of local time: every zone changes its offset on a quarter
 * hour, so one answer holds for the whole quarter.
 */

const QUARTER = 15 * 60_000;
const DAY = 86_400_000;
const CACHE_CAP = 20_000;

export interface ZoneResolver {
  /** The zone used (an IANA name or a fixed offset such as "+05:30"). */
  readonly zone: string;
  /** Milliseconds since the epoch for a wall-clock time given as `Date.UTC(...)` of its fields. */
  toUtc(wallClock: number): number;
}

/** The zone this process runs in, as Intl names it. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A resolver for `zone` (IANA name, "UTC", or a fixed offset like "+05:30"); undefined means
 * the local zone. Throws a RangeError for a zone Intl does not know.
 */
export function createZoneResolver(zone?: string): ZoneResolver {
  const name = zone?.trim() || localZone();
  const fixed = fixedOffset(name);
  if (fixed !== undefined) return { zone: name, toUtc: (w) => w - fixed };
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();
  const offsetAt = (utc: number): number => {
    let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
    for (const p of dtf.formatToParts(new Date(utc))) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') mo = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
      else if (p.type === 'hour') h = Number(p.value) % 24;
      else if (p.type === 'minute') mi = Number(p.value);
      else if (p.type === 'second') s = Number(p.value);
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(utc / 1000) * 1000;
  };
  const offsetFor = (wall: number): number => {
    const before = offsetAt(wall - DAY);
    const after = offsetAt(wall + DAY);
    if (before === after) return before;
    const validBefore = offsetAt(wall - before) === before;
    const validAfter = offsetAt(wall - after) === after;
    // Repeated hour (clocks went back): the first occurrence, i.e. the larger offset.
    if (validBefore && validAfter) return Math.max(before, after);
    if (validAfter) return after;
    // Either only the old offset fits, or the time falls in the skipped hour (clocks went
    // forward): read it with the offset in force before the change, as Date does.
    return before;
  };
  return {
    zone: name,
    toUtc(wall: number): number {
      const block = Math.floor(wall / QUARTER);
      let off = cache.get(block);
      if (off === undefined) {
        if (cache.size >= CACHE_CAP) cache.clear();
        off = offsetFor(block * QUARTER);
        cache.set(block, off);
      }
      return wall - off;
    },
  };
}

/** "UTC", "Z", "GMT", "Etc/UTC" or "+05:30"/"-0800" as milliseconds east of UTC. */
function fixedOffset(zone: string): number | undefined {
  if (/^(?:Z|UTC|GMT|Etc\/(?:UTC|GMT|Zulu|UCT)|UCT|Zulu)$/i.test(zone)) return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d\d):?(\d\d)?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}
