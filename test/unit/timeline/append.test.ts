import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { NewTimelineEntry } from '../../../src/core/model/incident';
import { appendEntry, planAppend } from '../../../src/core/timeline/append';
import { createIncidentFile } from '../../../src/core/timeline/create';
import { parseIncident } from '../../../src/core/timeline/parse';

const FIXTURES = join(__dirname, '../../../../test/unit/fixtures/timeline');
const damaged = readFileSync(join(FIXTURES, 'damaged.md'), 'utf8');

const note = (text: string, extra: Partial<NewTimelineEntry> = {}): NewTimelineEntry => ({
  at: '2026-11-23T10:00:00Z',
  kind: 'note',
  author: 'Bo Chen',
  text,
  ...extra,
});

/** The result must be the original with exactly the inserted text added at one place. */
function assertOnlyInserted(before: string, after: string, inserted: string): number {
  const at = after.indexOf(inserted);
  assert.ok(at >= 0, 'inserted text not found');
  assert.strictEqual(after.slice(0, at) + after.slice(at + inserted.length), before);
  return at;
}

describe('appendEntry', () => {
  it('starts the list under the Timeline heading of a new file, then appends after the last entry', () => {
    const created = createIncidentFile({ title: 'T', severity: 'SEV4', services: [], commander: 'C', started: '2026-01-01T00:00:00Z' });
    assert.ok(created.endsWith('## Timeline\n'));
    const one = appendEntry(created, note('first'));
    assert.ok(one.endsWith('## Timeline\n\n- **2026-11-23T10:00:00Z** · note · Bo Chen — first\n'));
    const two = appendEntry(one, note('second\nline'));
    assert.strictEqual(two, `${one}- **2026-11-23T10:00:00Z** · note · Bo Chen — second\n  line\n`);
  });

  it('keeps every byte of a damaged file and appends after its last timeline content', () => {
    const plan = planAppend(damaged, note('after the damage'));
    assert.strictEqual(plan.line, 28);
    const result = appendEntry(damaged, note('after the damage'));
    const at = assertOnlyInserted(damaged, result, '- **2026-11-23T10:00:00Z** · note · Bo Chen — after the damage\n');
    assert.ok(damaged.slice(0, at).endsWith('>>>>>>> other-branch\n'));
    const parsed = parseIncident(result);
    assert.strictEqual(parsed.entries[parsed.entries.length - 1]!.startLine, 28);
    // Problems before the insertion stay where they were.
    assert.deepStrictEqual(
      parsed.problems.map((p) => p.line),
      parseIncident(damaged).problems.map((p) => p.line),
    );
  });

  it('preserves CRLF line endings and a BOM', () => {
    const original = `\uFEFF${damaged.replace(/\n/g, '\r\n')}`;
    const result = appendEntry(original, note('two\nlines', { links: ['src/x.ts:1'] }));
    assert.ok(result.startsWith('\uFEFF---\r\n'));
    assert.strictEqual(result.replace(/\r\n/g, '').includes('\n'), false);
    assertOnlyInserted(original, result, '- **2026-11-23T10:00:00Z** · note · Bo Chen — two\r\n  lines\r\n  - link: src/x.ts:1\r\n');
  });

  it('appends before a following section, keeping its spacing', () => {
    const text = '---\ntitle: t\n---\n\n## Timeline\n\n- **2026-01-01T00:00:00Z** · note · A — one\n\n\n## Notes\n\nkeep\n';
    const result = appendEntry(text, note('two'));
    assert.strictEqual(
      result,
      '---\ntitle: t\n---\n\n## Timeline\n\n- **2026-01-01T00:00:00Z** · note · A — one\n- **2026-11-23T10:00:00Z** · note · Bo Chen — two\n\n\n## Notes\n\nkeep\n',
    );
    const empty = '## Timeline\n## Notes\n';
    assert.strictEqual(appendEntry(empty, note('x')), '## Timeline\n\n- **2026-11-23T10:00:00Z** · note · Bo Chen — x\n## Notes\n');
  });

  it('adds the Timeline heading when it is missing, and copes with a missing final newline', () => {
    assert.strictEqual(
      appendEntry('---\ntitle: t\n---\n\n# t', note('x')),
      '---\ntitle: t\n---\n\n# t\n\n## Timeline\n\n- **2026-11-23T10:00:00Z** · note · Bo Chen — x\n',
    );
    assert.strictEqual(appendEntry('', note('x')), '## Timeline\n\n- **2026-11-23T10:00:00Z** · note · Bo Chen — x\n');
    const noFinal = '## Timeline\n\n- **2026-01-01T00:00:00Z** · note · A — one';
    assert.strictEqual(appendEntry(noFinal, note('two')), `${noFinal}\n- **2026-11-23T10:00:00Z** · note · Bo Chen — two`);
  });

  it('appends to an unclosed front matter file without touching the damage', () => {
    const text = '---\ntitle: broken\n\n## Timeline\n\n- **2026-01-01T00:00:00Z** · note · A — one\n';
    const result = appendEntry(text, note('two'));
    assertOnlyInserted(text, result, '- **2026-11-23T10:00:00Z** · note · Bo Chen — two\n');
  });

  it('keeps a 100 KB entry and non-ASCII text intact when appending', () => {
    const big = 'ü'.repeat(100 * 1024);
    const first = appendEntry(damaged, note(big));
    const second = appendEntry(first, note('日本語 — ✓', { author: 'Zoë' }));
    assertOnlyInserted(first, second, '- **2026-11-23T10:00:00Z** · note · Zoë — 日本語 — ✓\n');
    const parsed = parseIncident(second);
    assert.strictEqual(parsed.entries[parsed.entries.length - 2]!.text, big);
  });

  it('assigns the next free hypothesis id, counting damaged hypothesis lines', () => {
    const plan = planAppend(damaged, { at: '2026-11-23T10:00:00Z', kind: 'hypothesis', author: 'A', text: 'cache stampede' });
    assert.strictEqual(plan.entry.hypothesis, 'H3');
    assert.ok(plan.insert.includes('· hypothesis H3 · A — cache stampede'));
  });

  it('refuses entries that would not read back cleanly', () => {
    const base = { at: '2026-11-23T10:00:00Z', author: 'A', text: 'because' };
    assert.throws(() => appendEntry(damaged, { ...base, kind: 'refute', hypothesis: 'H7' }), /no hypothesis H7/);
    assert.throws(() => appendEntry(damaged, { ...base, kind: 'hypothesis', hypothesis: 'H2' }), /already taken/);
    assert.throws(() => appendEntry(damaged, { ...base, kind: 'confirm', hypothesis: 'H1', text: '' }), /needs a reason/);
    assert.throws(() => appendEntry(damaged, { ...base, kind: 'note', at: 'now' }), /UTC ISO-8601/);
    assert.ok(appendEntry(damaged, { ...base, kind: 'confirm', hypothesis: 'h1' }).includes('· confirm H1 · A — because'));
  });
});
