import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ParsedIncident } from '../../../src/core/model/incident';
import { parseIncident } from '../../../src/core/timeline/parse';

const FIXTURES = join(__dirname, '../../../../test/unit/fixtures/timeline');
const damaged = readFileSync(join(FIXTURES, 'damaged.md'), 'utf8');

function problemLines(parsed: ParsedIncident): [number, string][] {
  return parsed.problems.map((p) => [p.line, p.severity]);
}

const DAMAGED_PROBLEMS: [number, string][] = [
  [3, 'warning'], // severity SEV5
  [17, 'warning'], // unknown kind "guess"
  [18, 'warning'], // garbage line
  [19, 'error'], // hour 25
  [21, 'warning'], // confirm of unknown H7
  [22, 'error'], // malformed header
  [23, 'warning'], // <<<<<<<
  [25, 'warning'], // =======
  [26, 'info'], // H1 refuted, then confirmed
  [27, 'warning'], // >>>>>>>
];

describe('parseIncident', () => {
  it('reads a damaged file as far as it can, with problems on the right lines', () => {
    const parsed = parseIncident(damaged);
    assert.deepStrictEqual(problemLines(parsed), DAMAGED_PROBLEMS);
    assert.match(parsed.problems[1]!.message, /Unknown entry kind "guess"/);
    assert.match(parsed.problems[4]!.message, /H7/);
    assert.match(parsed.problems[6]!.message, /merge conflict/);
    assert.deepStrictEqual(
      parsed.entries.map((e) => [e.startLine, e.kind, e.hypothesis]),
      [
        [16, 'observation', undefined],
        [20, 'hypothesis', 'H1'],
        [21, 'confirm', 'H7'],
        [24, 'refute', 'H1'],
        [26, 'confirm', 'H1'],
      ],
    );
    assert.strictEqual(parsed.meta.title, 'Payments timing out');
    assert.strictEqual(parsed.meta.severity, undefined);
    assert.strictEqual(parsed.meta.commander, 'Ana Núñez');
    assert.deepStrictEqual(parsed.meta.services, ['payments']);
    assert.deepStrictEqual(parsed.timelineHeadings, [14]);
    // The damaged "hypothesis H2" line still reserves H2.
    assert.strictEqual(parsed.maxHypothesisNumber, 2);
  });

  it('gives the same lines for CRLF and with a BOM, and reports both', () => {
    const crlf = parseIncident(damaged.replace(/\n/g, '\r\n'));
    assert.strictEqual(crlf.eol, '\r\n');
    assert.deepStrictEqual(problemLines(crlf), DAMAGED_PROBLEMS);
    assert.ok(crlf.entries.every((e) => !e.text.includes('\r')));
    const bom = parseIncident(`\uFEFF${damaged.replace(/\n/g, '\r\n')}`);
    assert.strictEqual(bom.hasBom, true);
    assert.strictEqual(bom.frontMatter?.ok, true);
    assert.deepStrictEqual(problemLines(bom), DAMAGED_PROBLEMS);
    assert.strictEqual(bom.meta.title, 'Payments timing out');
  });

  it('reports an unclosed front matter and still reads the timeline', () => {
    const text = ['---', 'title: Cut short', 'severity: SEV1', '', '## Timeline', '', '- **2026-01-01T00:00:00Z** · note · A — still read'].join('\n');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [[1, 'error']]);
    assert.match(parsed.problems[0]!.message, /never closed/);
    assert.strictEqual(parsed.frontMatter?.ok, false);
    assert.strictEqual(parsed.frontMatter?.endLine, undefined);
    assert.strictEqual(parsed.meta.title, 'Cut short');
    assert.strictEqual(parsed.entries.length, 1);
    assert.strictEqual(parsed.entries[0]!.startLine, 7);
  });

  it('reports a file truncated inside the front matter', () => {
    const parsed = parseIncident('---\ntitle: Trunc');
    assert.strictEqual(parsed.frontMatter?.ok, false);
    assert.deepStrictEqual(problemLines(parsed), [
      [1, 'error'],
      [2, 'warning'], // no timeline heading (reported where the body would start)
    ]);
    assert.strictEqual(parsed.entries.length, 0);
  });

  it('reports invalid YAML on its line and keeps reading entries', () => {
    const text = ['---', 'title: ok', 'services: [a, b', 'status: investigating', '---', '', '## Timeline', '', '- **2026-01-01T00:00:00Z** · note · A — x', ''].join('\n');
    const parsed = parseIncident(text);
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0);
    assert.ok(errors.every((p) => p.line >= 2 && p.line <= 5), JSON.stringify(errors));
    assert.strictEqual(parsed.frontMatter?.ok, false);
    assert.strictEqual(parsed.entries.length, 1);
  });

  it('checks front matter values', () => {
    const text = ['---', 'title: x', 'severity: sev2', 'status: panicking', 'started: yesterday', 'resolved:', 'services: checkout', '---', '## Timeline', ''].join('\n');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [
      [4, 'warning'],
      [5, 'warning'],
    ]);
    assert.strictEqual(parsed.meta.severity, 'SEV2');
    assert.strictEqual(parsed.meta.resolved, undefined);
    assert.deepStrictEqual(parsed.meta.services, ['checkout']);
  });

  it('reads a file without front matter or timeline heading, taking the title from the heading', () => {
    const text = '# Hand made\n\nSome words.\n\n- **2026-01-01T00:00:00Z** · observation · A — seen\n';
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [
      [1, 'warning'],
      [1, 'warning'],
    ]);
    assert.strictEqual(parsed.meta.title, 'Hand made');
    assert.strictEqual(parsed.entries.length, 1);
    assert.strictEqual(parsed.frontMatter, undefined);
  });

  it('accepts comments, minor headings and hand-edited entries in the timeline', () => {
    const text = [
      '---', 'title: t', 'started: 2026-01-01T00:00:00Z', '---', '## Timeline', '',
      '<!-- a note for reviewers', 'over two lines -->',
      '### Day 1',
      '- **2026-01-01T00:00:00Z** · Observation · Ana — typed by hand',
      '    indented four spaces',
      '',
      '  after a blank line',
      '- **2026-01-01T00:01:00Z** · hypothesis h1 · Ana — lower-case id',
      '```',
      'a pasted block',
      '```',
    ].join('\n');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [[15, 'warning']]);
    assert.strictEqual(parsed.problems[0]!.endLine, 17);
    const [first, second] = parsed.entries;
    assert.strictEqual(first!.kind, 'observation');
    assert.strictEqual(first!.text, 'typed by hand\n  indented four spaces\n\nafter a blank line');
    assert.deepStrictEqual([first!.startLine, first!.endLine], [10, 13]);
    assert.strictEqual(first!.canonical, false);
    assert.strictEqual(second!.hypothesis, 'H1');
  });

  it('reports malformed entries, missing ids and missing reasons', () => {
    const text = [
      '---', 'title: t', 'started: 2026-01-01T00:00:00Z', '---', '## Timeline', '',
      '- **2026-01-01T00:00:00Z** · hypothesis · A — no id',
      '- **2026-01-01T00:00:00Z** · note #4 · A — bad id',
      '- **2026-01-01** · note · A — date only',
      '- **2026-01-01T00:00:00Z** · hypothesis H1 · A — fine',
      '- **2026-01-01T00:00:00Z** · refute H1 · A —',
      '- **2026-01-01T00:00:00Z** · hypothesis H1 · B — same id again',
      '- **2026-01-01T00:00:00Z** · note H9 · B — refers to nothing',
      '  - link:',
      '   stray indented line',
    ].join('\n');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [
      [7, 'error'],
      [8, 'error'],
      [9, 'error'],
      [11, 'warning'],
      [12, 'warning'],
      [13, 'warning'],
      [14, 'warning'],
    ]);
    assert.match(parsed.problems[4]!.message, /already used on line 10/);
    assert.match(parsed.problems[6]!.message, /Empty link/);
    assert.strictEqual(parsed.hypotheses.length, 1);
    assert.strictEqual(parsed.hypotheses[0]!.state, 'refuted');
  });

  it('keeps a second Timeline section and warns about it', () => {
    const text = ['---', 'title: t', 'started: 2026-01-01T00:00:00Z', '---', '## Timeline', '- **2026-01-01T00:00:00Z** · note · A — one', '## Notes', 'free', '## timeline', '- **2026-01-01T00:00:01Z** · note · A — two'].join('\n');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [[9, 'warning']]);
    assert.deepStrictEqual(parsed.timelineHeadings, [5, 9]);
    assert.deepStrictEqual(parsed.entries.map((e) => e.text), ['one', 'two']);
  });

  it('does not let an unclosed code fence swallow the following section', () => {
    const text = ['---', 'title: t', 'started: 2026-01-01T00:00:00Z', '---', '## Timeline', '- **2026-01-01T00:00:00Z** · note · A — one', '```', 'pasted', '## Notes', 'free text'].join('\n');
    const parsed = parseIncident(text);
    assert.deepStrictEqual(problemLines(parsed), [[7, 'warning']]);
    assert.match(parsed.problems[0]!.message, /never closed/);
    assert.strictEqual(parsed.problems[0]!.endLine, 8);
    assert.strictEqual(parsed.entries.length, 1);
  });

  it('handles an empty file', () => {
    const parsed = parseIncident('');
    assert.strictEqual(parsed.lineCount, 0);
    assert.strictEqual(parsed.entries.length, 0);
    assert.ok(parsed.problems.length >= 1);
  });
});
