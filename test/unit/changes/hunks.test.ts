import * as assert from 'assert';
import { diffHunks, hunkAt, hunksIn, splitTextLines, type Hunk } from '../../../src/core/changes/hunks';

/** Applies the hunks to `old`: the result must be `next`, or the hunks are wrong. */
function apply(old: string[], hunks: Hunk[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const h of hunks) {
    while (i < h.oldStart - 1) out.push(old[i++]!);
    i += h.oldCount;
    out.push(...h.lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)));
  }
  while (i < old.length) out.push(old[i++]!);
  return out;
}

describe('diff hunks (the hunk under the cursor in a diff editor)', () => {
  const old = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const next = ['a', 'B', 'c', 'd', 'x', 'y', 'e', 'g'];

  it('finds a change, an insertion and a deletion with 1-based ranges on both sides', () => {
    const hunks = diffHunks(old, next)!;
    assert.deepStrictEqual(hunks, [
      { oldStart: 2, oldCount: 1, newStart: 2, newCount: 1, lines: ['-b', '+B'] },
      { oldStart: 5, oldCount: 0, newStart: 5, newCount: 2, lines: ['+x', '+y'] },
      { oldStart: 6, oldCount: 1, newStart: 8, newCount: 0, lines: ['-f'] },
    ]);
    assert.deepStrictEqual(apply(old, hunks), next);
  });

  it('picks the hunk under a line of either side, and an empty side from its neighbours', () => {
    const hunks = diffHunks(old, next)!;
    assert.strictEqual(hunkAt(hunks, 'new', 2), hunks[0]);
    assert.strictEqual(hunkAt(hunks, 'new', 6), hunks[1]);
    assert.strictEqual(hunkAt(hunks, 'new', 3), undefined, 'an unchanged line has no hunk');
    assert.strictEqual(hunkAt(hunks, 'new', 7), hunks[2], 'the line before a deletion');
    assert.strictEqual(hunkAt(hunks, 'old', 6), hunks[2]);
    assert.strictEqual(hunkAt(hunks, 'old', 5), hunks[1], 'the line an insertion comes before');
  });

  it('joins the hunks a selection touches', () => {
    const hunks = diffHunks(old, next)!;
    const joined = hunksIn(hunks, 'new', 1, 6)!;
    assert.deepStrictEqual(joined, { oldStart: 2, oldCount: 3, newStart: 2, newCount: 5, lines: ['-b', '+B', ' …', '+x', '+y'] });
    assert.strictEqual(hunksIn(hunks, 'new', 3, 4), undefined);
  });

  it('handles empty sides, identical files and line endings', () => {
    assert.deepStrictEqual(diffHunks([], ['a']), [{ oldStart: 1, oldCount: 0, newStart: 1, newCount: 1, lines: ['+a'] }]);
    assert.deepStrictEqual(diffHunks(['a'], []), [{ oldStart: 1, oldCount: 1, newStart: 1, newCount: 0, lines: ['-a'] }]);
    assert.deepStrictEqual(diffHunks(old, old), []);
    assert.deepStrictEqual(splitTextLines('a\r\nb\n'), ['a', 'b']);
  });

  it('reconstructs the new side from random edits (a minimal script, checked by applying it)', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rand(30) }, () => String.fromCharCode(97 + rand(5)));
      const b = a.slice();
      for (let e = rand(6); e > 0; e--) {
        const at = rand(b.length + 1);
        if (rand(2) && b.length) b.splice(Math.min(at, b.length - 1), 1);
        else b.splice(at, 0, String.fromCharCode(97 + rand(5)));
      }
      const hunks = diffHunks(a, b)!;
      assert.deepStrictEqual(apply(a, hunks), b, `round ${round}: ${a.join('')} → ${b.join('')}`);
    }
  });

  it('gives up on two very different files instead of spending seconds', () => {
    const a = Array.from({ length: 900 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 900 }, (_, i) => `b${i}`);
    assert.strictEqual(diffHunks(a, b, 1000), undefined);
    assert.strictEqual(diffHunks(a, b)?.length, 1, 'within the default budget: one hunk replacing everything');
  });
});
