import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { NewTimelineEntry, TimelineEntry } from '../../../src/core/model/incident';
import { appendEntry, serializeIncident } from '../../../src/core/timeline/append';
import type { NewIncident } from '../../../src/core/timeline/create';
import { createIncidentFile } from '../../../src/core/timeline/create';
import { classifyLink, formatTimestamp, parseTimestamp, serializeEntry } from '../../../src/core/timeline/format';
import { parseIncident } from '../../../src/core/timeline/parse';

const FIXTURES = join(__dirname, '../../../../test/unit/fixtures/timeline');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function build(entries: NewTimelineEntry[], eol: '\n' | '\r\n' = '\n'): string {
  let text = createIncidentFile(
    { title: 'T', severity: 'SEV3', services: ['api'], commander: 'C', started: '2026-01-02T03:04:05Z' },
    eol,
  );
  for (const e of entries) text = appendEntry(text, e);
  return text;
}

function entryOf(partial: Partial<TimelineEntry>): TimelineEntry {
  return { at: '2026-01-02T03:04:05Z', kind: 'note', author: 'Ana', text: 'x', links: [], ...partial };
}

describe('timeline format', () => {
  it('writes the documented header, continuation and link lines', () => {
    const text = serializeEntry(
      entryOf({ kind: 'observation', text: 'Error rate is 40 %\nsecond line', links: ['src/a.ts:42'] }),
      '\n',
    );
    assert.strictEqual(
      text,
      '- **2026-01-02T03:04:05Z** · observation · Ana — Error rate is 40 %\n  second line\n  - link: src/a.ts:42',
    );
    assert.strictEqual(
      serializeEntry(entryOf({ kind: 'refute', hypothesis: 'H3', text: 'no' }), '\r\n'),
      '- **2026-01-02T03:04:05Z** · refute H3 · Ana — no',
    );
  });

  it('reproduces the committed extension-written fixture byte for byte', () => {
    const data = JSON.parse(fixture('canonical-entries.json')) as { incident: NewIncident; entries: NewTimelineEntry[] };
    let text = createIncidentFile(data.incident);
    for (const e of data.entries) text = appendEntry(text, e);
    assert.strictEqual(text, fixture('canonical.md'));
  });

  it('round-trips the fixture: parse then serialize gives the same bytes, with no problems', () => {
    const text = fixture('canonical.md');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(parsed.problems, []);
    assert.strictEqual(parsed.entries.length, 12);
    assert.ok(parsed.entries.every((e) => e.canonical));
    assert.strictEqual(serializeIncident(text), text);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.strictEqual(serializeIncident(crlf), crlf);
    assert.ok(parseIncident(crlf).entries.every((e) => e.canonical));
  });

  it('reads back exactly what it wrote, whatever markdown the text holds', () => {
    const texts = [
      'plain',
      '**bold** _it_ `code` [link](http://x) <b>html</b> | pipe | · middot — em dash — twice',
      'first\n\n\nafter two blank lines',
      '- link: looks like a link\n\\- link: escaped once\n\\\\- link: escaped twice\n- linked: not a link',
      '- **2026-01-01T00:00:00Z** · note · X — an entry inside the text\n## heading inside\n---\n```\nunclosed fence',
      'ends with a dash —',
      '   leading spaces on the first line are trimmed\n    but kept on later lines',
      'Ünïcödé ✓ 🚀 日本語 עברית',
      '<!-- a comment\nthat spans lines -->',
      '\ttab-indented second line follows\n\tlike this',
    ];
    const entries: NewTimelineEntry[] = texts.map((text, i) => ({
      at: `2026-01-02T03:${String(10 + i).padStart(2, '0')}:00Z`,
      kind: 'note',
      author: i % 2 ? 'José — Müller' : '山田 花子',
      text,
      links: i % 3 === 0 ? ['https://example.invalid/a?b=c#d', 'deadbeef12'] : [],
    }));
    for (const eol of ['\n', '\r\n'] as const) {
      const file = build(entries, eol);
      const parsed = parseIncident(file);
      assert.deepStrictEqual(parsed.problems, [], eol);
      assert.strictEqual(parsed.entries.length, texts.length);
      parsed.entries.forEach((e, i) => {
        const expected = texts[i]!.split('\n').map((l) => l.trimEnd()).join('\n').trim();
        assert.strictEqual(e.text, expected, `text ${i}`);
        assert.strictEqual(e.author, i % 2 ? 'José - Müller' : '山田 花子');
        assert.deepStrictEqual(e.links, entries[i]!.links);
        assert.ok(e.canonical, `entry ${i} canonical`);
      });
      assert.strictEqual(serializeIncident(file), file);
    }
  });

  it('keeps very long entries (100 KB on one line and over many lines)', () => {
    const oneLine = 'x'.repeat(100 * 1024);
    const manyLines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'y'.repeat(45)}`).join('\n');
    const file = build([
      { at: '2026-01-02T03:04:05Z', kind: 'evidence', author: 'A', text: oneLine },
      { at: '2026-01-02T03:04:06Z', kind: 'evidence', author: 'A', text: manyLines },
      { at: '2026-01-02T03:04:07Z', kind: 'note', author: 'A', text: 'after' },
    ]);
    const parsed = parseIncident(file);
    assert.deepStrictEqual(parsed.problems, []);
    assert.strictEqual(parsed.entries[0]!.text, oneLine);
    assert.strictEqual(parsed.entries[1]!.text, manyLines);
    assert.strictEqual(parsed.entries[2]!.startLine, parsed.entries[1]!.endLine + 1);
    assert.strictEqual(serializeIncident(file), file);
  });

  it('normalizes what it writes and refuses entries that would not read back', () => {
    assert.strictEqual(
      serializeEntry(entryOf({ author: '  Ana\nB ', text: '\r\n  body  \r\n\r\n' })),
      '- **2026-01-02T03:04:05Z** · note · Ana B — body',
    );
    assert.strictEqual(serializeEntry(entryOf({ author: '', text: '' })), '- **2026-01-02T03:04:05Z** · note · unknown —');
    assert.throws(() => serializeEntry(entryOf({ at: '2026-01-02 03:04:05' })), /UTC ISO-8601/);
    assert.throws(() => serializeEntry(entryOf({ at: '2026-02-30T00:00:00Z' })), /UTC ISO-8601/);
    assert.throws(() => serializeEntry(entryOf({ kind: 'guess' as 'note' })), /Unknown entry kind/);
    assert.throws(() => serializeEntry(entryOf({ kind: 'hypothesis' })), /needs a hypothesis id/);
    assert.throws(() => serializeEntry(entryOf({ kind: 'confirm', hypothesis: 'H1', text: '  ' })), /needs a reason/);
    assert.throws(() => serializeEntry(entryOf({ hypothesis: 'X1' })), /not a hypothesis id/);
    assert.throws(() => serializeEntry(entryOf({ links: ['a\nb'] })), /single line/);
  });

  it('parses and formats UTC timestamps strictly', () => {
    assert.strictEqual(parseTimestamp('2026-11-23T14:02:11Z'), Date.UTC(2026, 10, 23, 14, 2, 11));
    assert.strictEqual(parseTimestamp('2026-11-23T14:02:11.5Z'), Date.UTC(2026, 10, 23, 14, 2, 11, 500));
    for (const bad of ['2026-11-23T14:02:11', '2026-11-23T14:02:11+01:00', '2026-13-01T00:00:00Z', '2026-11-23T24:00:00Z', 'x']) {
      assert.strictEqual(parseTimestamp(bad), undefined, bad);
    }
    assert.strictEqual(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02T03:04:05Z');
  });

  it('tells link kinds apart', () => {
    assert.deepStrictEqual(classifyLink('src/api/checkout.ts:42'), { kind: 'path', value: 'src/api/checkout.ts:42', path: 'src/api/checkout.ts', line: 42 });
    assert.deepStrictEqual(classifyLink('docs/x.md'), { kind: 'path', value: 'docs/x.md', path: 'docs/x.md' });
    assert.strictEqual(classifyLink('4f9c2ab1d0e3').kind, 'commit');
    assert.strictEqual(classifyLink('https://example.invalid/x:1').kind, 'url');
  });
});
