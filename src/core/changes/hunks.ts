/**
 * The hunks between two versions of a file, computed from the texts a diff editor shows (which
 * may be unsaved, or come from a commit), so "Pin to Incident" can take the hunk under the
 * cursor. Myers' O(ND) line diff after trimming the common head and tail; gives up (undefined)
 * when the two sides differ in more than `maxEdits` lines, rather than spending seconds.
 */

export interface Hunk {
  /** 1-based first line on the old side; when oldCount is 0, the line the change comes before. */
  oldStart: number;
  oldCount: number;
  /** 1-based first line on the new side; when newCount is 0, the line the change comes before. */
  newStart: number;
  newCount: number;
  /** Removed lines (`-…`) then added lines (`+…`). */
  lines: string[];
}

type Op = 0 | 1 | 2; // keep, delete (old side), insert (new side)

export function splitTextLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffHunks(oldLines: readonly string[], newLines: readonly string[], maxEdits = 2000): Hunk[] | undefined {
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
  let tail = 0;
  while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail++;
  const a = oldLines.slice(head, oldLines.length - tail);
  const b = newLines.slice(head, newLines.length - tail);
  const ops = myers(a, b, maxEdits);
  if (!ops) return undefined;
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === 0) {
      i++;
      j++;
      k++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    const start = { i, j };
    while (k < ops.length && ops[k] !== 0) {
      if (ops[k] === 1) removed.push(`-${a[i++] ?? ''}`);
      else added.push(`+${b[j++] ?? ''}`);
      k++;
    }
    hunks.push({
      oldStart: head + start.i + 1,
      oldCount: removed.length,
      newStart: head + start.j + 1,
      newCount: added.length,
      lines: [...removed, ...added],
    });
  }
  return hunks;
}

/**
 * The hunk at a 1-based line of one side. A hunk with no lines on that side (a pure deletion
 * seen on the new side, an insertion seen on the old side) is found from the lines next to it.
 */
export function hunkAt(hunks: readonly Hunk[], side: 'old' | 'new', line: number): Hunk | undefined {
  const range = (h: Hunk): [number, number] => (side === 'old' ? [h.oldStart, h.oldCount] : [h.newStart, h.newCount]);
  const inside = hunks.find((h) => {
    const [start, count] = range(h);
    return count > 0 && line >= start && line < start + count;
  });
  if (inside) return inside;
  return hunks.find((h) => {
    const [start, count] = range(h);
    return count === 0 && (line === start || line === start - 1);
  });
}

/** The hunks that touch the 1-based lines [from, to] of one side, as one hunk; undefined when none. */
export function hunksIn(hunks: readonly Hunk[], side: 'old' | 'new', from: number, to: number): Hunk | undefined {
  const hit = hunks.filter((h) => {
    const [start, count] = side === 'old' ? [h.oldStart, h.oldCount] : [h.newStart, h.newCount];
    const last = count > 0 ? start + count - 1 : start;
    const first = count > 0 ? start : start - 1;
    return first <= to && last >= from;
  });
  if (hit.length === 0) return undefined;
  if (hit.length === 1) return hit[0];
  const first = hit[0]!;
  const last = hit[hit.length - 1]!;
  return {
    oldStart: first.oldStart,
    oldCount: last.oldStart + last.oldCount - first.oldStart,
    newStart: first.newStart,
    newCount: last.newStart + last.newCount - first.newStart,
    lines: hit.flatMap((h, n) => (n === 0 ? h.lines : [' …', ...h.lines])),
  };
}

/** The edit script from a to b (0 keep, 1 delete, 2 insert), or undefined past maxEdits. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0) return new Array<Op>(m).fill(2);
  if (m === 0) return new Array<Op>(n).fill(1);
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    // Only diagonals -d-1 … d+1 can be read when going back over step d.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!; // V as it was before step d, from diagonal -d-1
    const at = (diagonal: number): number => prev[diagonal + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(0);
      x--;
      y--;
    }
    ops.push(down ? 2 : 1);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(0);
    x--;
    y--;
  }
  return ops.reverse();
}
