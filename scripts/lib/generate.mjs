// Small helpers shared by the generators of the demo workspace and of the benchmark repository.

/** YYYYMMDD-HHMM in UTC, as the deploy workflow names its tags. */
export function stamp(epochSec) {
  return new Date(epochSec * 1000).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** A small seeded pseudo-random generator: the same seed gives the same history. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
