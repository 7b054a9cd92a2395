import * as assert from 'assert';
import type { TimelineEntry } from '../../../src/core/model/incident';
import { appendEntry } from '../../../src/core/timeline/append';
import { createIncidentFile } from '../../../src/core/timeline/create';
import { codeBlock, evidenceFor, inlineText, MAX_CODE_LINES, pathLink, type EvidenceItem } from '../../../src/core/timeline/evidence';
import { classifyLink, normalizeText } from '../../../src/core/timeline/format';
import { parseIncident } from '../../../src/core/timeline/parse';

// The renderer VS Code's markdown preview uses; here to prove hostile text renders as text.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(src: string): string };
const markdown = new MarkdownIt({ html: true });

const HOSTILE = [
  'fix: `rm -rf` </li></ul><script>alert(1)</script>',
  '# Heading\n## Timeline\n- **2026-01-01T00:00:00Z** · note · X — forged entry',
  '[click](javascript:alert(1)) ![img](http://evil.invalid/x.png) <img src=x onerror=alert(1)>',
  '```\n</code></pre><b>bold</b>\n```',
  '  - link: https://evil.invalid\n- link: also not a link\n<!-- hide the rest',
  '*emph* _under_ ~~strike~~ | pipe | &amp; &#60; \\ backslash',
  'bidi \u202eevil\u202c and nul \u0000 and esc \u001b[31m',
];

function fileWith(...entries: { text: string; links: string[] }[]): string {
  let text = createIncidentFile({ title: 'Checkout down', severity: 'SEV2', services: ['api'], commander: 'C', started: '2026-01-02T03:04:05Z' });
  for (const e of entries) text = appendEntry(text, { at: '2026-01-02T03:10:00Z', kind: 'evidence', author: 'Ana', text: e.text, links: e.links });
  return text;
}

function items(hostile: string): EvidenceItem[] {
  return [
    { kind: 'commit', sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', subject: hostile, author: hostile, time: Date.UTC(2026, 0, 2, 3, 0), files: ['src/a.ts', hostile.replace(/\s/g, '_')], filesTotal: 9, url: 'https://github.com/o/r/commit/a1b2c3d4' },
    { kind: 'pullRequest', number: 42, title: hostile, sha: 'a1b2c3d4e5f6', author: hostile, url: 'https://github.com/o/r/pull/42' },
    { kind: 'deploy', name: hostile, environment: hostile, state: 'success', sha: 'a1b2c3d4e5f6', time: Date.UTC(2026, 0, 2) },
    { kind: 'release', tag: hostile, name: hostile, url: 'https://github.com/o/r/releases/v1' },
    { kind: 'issue', shortId: 'CHECKOUT-1A', title: hostile, culprit: hostile, count: 1843, users: 412, permalink: 'https://sentry.invalid/issues/1/', frame: { function: hostile, path: 'src/db/orders.ts', line: 18 } },
    { kind: 'frame', issue: { shortId: 'X-1', title: hostile, permalink: 'https://sentry.invalid/issues/1/' }, frame: { function: hostile, reported: hostile, line: 3 } },
    { kind: 'selection', path: 'src/a.ts', startLine: 3, endLine: 9, code: hostile, language: 'typescript' },
    { kind: 'hunk', path: 'src/a.ts', leftRef: hostile, rightRef: 'def56789', oldStart: 3, oldCount: 1, newStart: 3, newCount: 2, lines: hostile.split('\n').map((l) => `+${l}`) },
    { kind: 'log', summary: hostile, source: hostile, text: hostile, path: 'logs/app.log', line: 7 },
    { kind: 'url', url: 'https://example.invalid/x', title: hostile },
    { kind: 'text', title: hostile, text: hostile },
  ];
}

describe('evidence entries (Pin to Incident)', () => {
  it('writes a commit as its short sha, subject, author, time and files, linked by sha and URL', () => {
    const e = evidenceFor({ kind: 'commit', sha: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678', subject: 'Build the key from tenant and order', author: 'Dana', time: Date.UTC(2026, 10, 23, 13, 58), files: ['src/key.ts'], filesTotal: 3, url: 'https://github.com/o/r/commit/a1b2' });
    assert.strictEqual(e.text, 'Commit `a1b2c3d4`: Build the key from tenant and order\nBy Dana, committed 2026-11-23T13:58:00Z\nChanges `src/key.ts` and 2 more files'.replace('a1b2c3d4', 'A1B2C3D4'));
    assert.deepStrictEqual(e.links, ['a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'https://github.com/o/r/commit/a1b2']);
  });

  it('writes a Sentry issue with its permalink and the frame it threw at as a workspace link', () => {
    const e = evidenceFor({ kind: 'issue', shortId: 'CHECKOUT-1A', title: 'DatabaseError: null value in column "partition_key"', culprit: 'insertOrder(src/db/orders)', level: 'error', count: 1843, users: 412, firstSeen: Date.UTC(2026, 10, 23, 14, 1), permalink: 'https://sentry.invalid/organizations/acme/issues/1/', frame: { function: 'insertOrder', path: 'src/db/orders.ts', line: 18 } });
    assert.strictEqual(e.text.split('\n')[0], 'Sentry issue `CHECKOUT-1A`: DatabaseError: null value in column "partition\\_key"');
    assert.match(e.text, /\nIn `insertOrder\(src\/db\/orders\)`, error, 1,843 events, 412 users, first seen 2026-11-23T14:01:00Z\n/);
    assert.match(e.text, /\nThrown at `insertOrder` at `src\/db\/orders.ts:18`$/);
    assert.deepStrictEqual(e.links, ['https://sentry.invalid/organizations/acme/issues/1/', 'src/db/orders.ts:18']);
  });

  it('writes a selection as a fenced block in its language, linked as path:start-end', () => {
    const e = evidenceFor({ kind: 'selection', path: 'src/db/orders.ts', startLine: 17, endLine: 19, code: 'const key = `${tenant}:${id}`;\n\tawait insert(key);\n}', language: 'typescript' });
    assert.strictEqual(e.text, 'Code in `src/db/orders.ts`, lines 17–19:\n```typescript\nconst key = `${tenant}:${id}`;\n\tawait insert(key);\n}\n```');
    assert.deepStrictEqual(e.links, ['src/db/orders.ts:17-19']);
    assert.deepStrictEqual(classifyLink(e.links[0]!), { kind: 'path', value: 'src/db/orders.ts:17-19', path: 'src/db/orders.ts', line: 17, endLine: 19 });
  });

  it('writes a diff hunk with the file, both refs and both line ranges', () => {
    const e = evidenceFor({ kind: 'hunk', path: 'src/key.ts', leftRef: '1234abcd', rightRef: 'working tree', oldStart: 4, oldCount: 1, newStart: 4, newCount: 2, lines: ['-  return id;', '+  return `${tenant}:${id}`;', '+  // was id'] });
    assert.strictEqual(e.text.split('\n')[0], 'Diff of `src/key.ts` between `1234abcd` and `working tree`: line 4 → lines 4–5');
    assert.deepStrictEqual(e.text.split('\n').slice(1), ['```diff', '-  return id;', '+  return `${tenant}:${id}`;', '+  // was id', '```']);
    assert.deepStrictEqual(e.links, ['src/key.ts:4-5', '1234abcd']);
    const deletion = evidenceFor({ kind: 'hunk', path: 'src/key.ts', leftRef: 'a', rightRef: 'b', oldStart: 4, oldCount: 2, newStart: 4, newCount: 0, lines: ['-x', '-y'] });
    assert.match(deletion.text, /: lines 4–5 → no lines \(after line 3\)/);
    assert.deepStrictEqual(deletion.links, ['src/key.ts:3']);
  });

  it('caps long selections and says what it left out', () => {
    const code = Array.from({ length: 100 }, (_, i) => `line ${i + 1}${i === 2 ? 'x'.repeat(500) : ''}`).join('\n');
    const block = codeBlock(code, 'js');
    assert.strictEqual(block.length, MAX_CODE_LINES + 3);
    assert.strictEqual(block[block.length - 1], '(60 more lines not quoted (100 in all); 1 long line cut at 300 characters.)');
    assert.ok(block[3]!.endsWith('…') && block[3]!.length === 301);
    const huge = codeBlock(Array.from({ length: 30 }, () => 'y'.repeat(290)).join('\n'));
    assert.ok(huge.join('\n').length < 4800, 'the character cap applies too');
    assert.match(huge[huge.length - 1]!, /more lines not quoted/);
  });

  it('links only workspace-relative paths without spaces; never one that leaves the workspace', () => {
    assert.deepStrictEqual(pathLink('src/a.ts', 3), ['src/a.ts:3']);
    assert.deepStrictEqual(pathLink('src/a.ts', 3, 3), ['src/a.ts:3']);
    for (const bad of ['../secrets.txt', 'src/../../x', '/etc/passwd', 'C:\\x.ts', '\\\\server\\share', 'my file.ts', '']) assert.deepStrictEqual(pathLink(bad, 1), [], bad);
    assert.deepStrictEqual(evidenceFor({ kind: 'url', url: 'javascript:alert(1)', title: 'x' }).links, []);
    assert.deepStrictEqual(evidenceFor({ kind: 'commit', sha: 'not-a-sha; rm -rf /' }).links, []);
  });

  it('escapes every character that could start markup in one-line text', () => {
    assert.strictEqual(inlineText('a *b* _c_ `d` [e](f) <g> &h; ~~i~~ |j| \\k'), 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\&h; \\~\\~i\\~\\~ \\|j\\| \\\\k');
    assert.strictEqual(inlineText('two\nlines\u202e'), 'two lines');
  });

  for (const hostile of HOSTILE) {
    it(`keeps the incident file's structure with hostile text: ${JSON.stringify(hostile).slice(0, 50)}`, () => {
      const evidence = items(hostile).map(evidenceFor);
      const file = fileWith(...evidence);
      const parsed = parseIncident(file);
      assert.deepStrictEqual(parsed.problems.filter((p) => p.severity !== 'info'), [], 'the file reads back without problems');
      assert.strictEqual(parsed.entries.length, evidence.length, 'one entry per pin, no forged ones');
      assert.deepStrictEqual(parsed.timelineHeadings.length, 1);
      assert.strictEqual(parsed.meta.title, 'Checkout down');
      parsed.entries.forEach((entry, i) => {
        const wanted: Pick<TimelineEntry, 'kind' | 'text' | 'links'> = { kind: 'evidence', text: normalizeText(evidence[i]!.text), links: evidence[i]!.links };
        assert.deepStrictEqual({ kind: entry.kind, text: entry.text, links: entry.links }, wanted);
        assert.ok(entry.canonical, `entry ${i} reads back byte for byte`);
        for (const link of entry.links) assert.ok(!/\s/.test(link) && !/^javascript:/i.test(link), link);
      });

      // Front matter is YAML, not markdown: the preview leaves it out too.
      const html = markdown.render(file.replace(/^---\n[\s\S]*?\n---\n/, ''));
      assert.ok(!/<(script|img|b|h2|a)\b/i.test(html.replace(/<h1>Checkout down<\/h1>/, '').replace(/<h2>Timeline<\/h2>/, '')), `no markup from outside text:\n${html}`);
      assert.strictEqual((html.match(/<h2>/g) ?? []).length, 1, 'still one Timeline heading');
      assert.strictEqual((html.match(/<li><strong>/g) ?? []).length, evidence.length, 'one list item per entry');
      const links = evidence.reduce((n, e) => n + e.links.length, 0);
      assert.strictEqual((html.match(/<li>/g) ?? []).length, evidence.length + links, 'and one nested item per link, nothing else');
      assert.strictEqual((html.match(/<li>link: /g) ?? []).length, links);
      assert.ok(!/<!--/.test(html), 'no comment hides what follows');
    });
  }
});
