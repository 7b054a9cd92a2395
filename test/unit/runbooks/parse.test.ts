import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { formatDiagnostic, isRunbookFile, parseRunbook } from '../../../src/core/runbooks/parse';

const SHIPPED = join(__dirname, '../../../../runbooks');

describe('parseRunbook: front matter', () => {
  it('reads title, services, severity and match rules from valid front matter', () => {
    const text = [
      '---',
      'title: Queue backlog',
      'summary: Consumers fall behind',
      'services: [orders, billing]',
      'severity: SEV2',
      'match:',
      '  logs:',
      "    - 'consumer lag .{1,20} high'",
      '  alerts: [QueueBacklog]',
      "  files: ['**/queue/**']",
      '---',
      '# Heading title',
      'Body',
    ].join('\n');
    const rb = parseRunbook('runbooks/q.md', text);
    assert.strictEqual(rb.title, 'Queue backlog');
    assert.strictEqual(rb.titleSource, 'frontMatter');
    assert.strictEqual(rb.summary, 'Consumers fall behind');
    assert.deepStrictEqual(rb.services, ['orders', 'billing']);
    assert.strictEqual(rb.severity, 'SEV2');
    assert.strictEqual(rb.hasFrontMatter, true);
    assert.strictEqual(rb.bodyLine, 11);
    assert.deepStrictEqual(
      rb.rules.map((r) => [r.kind, r.pattern, r.line]),
      [
        ['logs', 'consumer lag .{1,20} high', 7],
        ['alerts', 'QueueBacklog', 8],
        ['files', '**/queue/**', 9],
      ],
    );
    assert.deepStrictEqual(rb.diagnostics, []);
  });

  it('reports invalid YAML on its line, ignores the fields, and still lists the runbook by its heading', () => {
    const text = ['---', 'title: Broken', 'services: [a, b', 'match:', '  logs: ["x"]', '---', '# Fallback heading', ''].join('\n');
    const rb = parseRunbook('runbooks/broken.md', text);
    assert.strictEqual(rb.title, 'Fallback heading');
    assert.strictEqual(rb.titleSource, 'heading');
    assert.deepStrictEqual(rb.rules, []);
    assert.deepStrictEqual(rb.services, []);
    const yaml = rb.diagnostics.filter((d) => d.code === 'frontMatter.yaml' && d.severity === 'error');
    assert.ok(yaml.length >= 1, JSON.stringify(rb.diagnostics));
    assert.match(yaml[0]!.message, /not valid YAML/);
    assert.ok(yaml[0]!.line >= 1 && yaml[0]!.line <= 4, `line ${yaml[0]!.line}`);
  });

  it('reports unclosed front matter and does not take YAML comments for headings', () => {
    const text = ['---', 'title: Never closed', '# a yaml comment', '', '# Real heading', 'text'].join('\n');
    const rb = parseRunbook('runbooks/u.md', text);
    assert.strictEqual(rb.hasFrontMatter, false);
    assert.strictEqual(rb.diagnostics[0]?.code, 'frontMatter.unclosed');
    assert.strictEqual(rb.title, 'Real heading');
  });

  it('reports unknown keys, wrong types and bad rules without dropping the good ones', () => {
    const text = ['---', 'title: T', 'colour: red', 'services: {a: 1}', 'match:', '  logs:', "    - '(unclosed'", "    - 'ok pattern'", '---', ''].join('\n');
    const rb = parseRunbook('r.md', text);
    const codes = rb.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('frontMatter.unknownKey'), codes.join());
    assert.ok(codes.includes('frontMatter.type'), codes.join());
    assert.ok(codes.includes('rule.invalid'), codes.join());
    assert.deepStrictEqual(
      rb.rules.map((r) => r.pattern),
      ['ok pattern'],
    );
    const bad = rb.diagnostics.find((d) => d.code === 'rule.invalid')!;
    assert.strictEqual(bad.line, 6);
    assert.match(formatDiagnostic('r.md', bad), /^r\.md:7: error: /);
  });

  it('without front matter takes the title from the first H1, then from the file name', () => {
    const withHeading = parseRunbook('x/disk-full.md', 'Intro\n\n## Sub\n# Disk is full\n');
    assert.strictEqual(withHeading.title, 'Disk is full');
    assert.strictEqual(withHeading.hasFrontMatter, false);
    assert.deepStrictEqual(
      withHeading.headings.map((h) => [h.level, h.text, h.line]),
      [
        [2, 'Sub', 2],
        [1, 'Disk is full', 3],
      ],
    );
    const bare = parseRunbook('x\\disk-full.md', 'no headings here\n');
    assert.strictEqual(bare.title, 'disk-full');
    assert.strictEqual(bare.titleSource, 'fileName');
  });

  it('ignores a BOM and CRLF line endings', () => {
    const rb = parseRunbook('r.md', '\uFEFF---\r\ntitle: CRLF\r\n---\r\n```sh\r\necho hi\r\n```\r\n');
    assert.strictEqual(rb.title, 'CRLF');
    assert.strictEqual(rb.steps[0]?.command, 'echo hi');
  });

  it('a runbook with a hostile title keeps it as data', () => {
    const rb = parseRunbook('r.md', '---\ntitle: "<img src=x onerror=alert(1)> $(rm -rf /)"\n---\n');
    assert.strictEqual(rb.title, '<img src=x onerror=alert(1)> $(rm -rf /)');
    assert.deepStrictEqual(rb.steps, []);
  });
});

describe('isRunbookFile', () => {
  it('takes markdown files but not the README nor _drafts', () => {
    assert.strictEqual(isRunbookFile('runbooks/a.md'), true);
    assert.strictEqual(isRunbookFile('runbooks/a.markdown'), true);
    assert.strictEqual(isRunbookFile('runbooks/README.md'), false);
    assert.strictEqual(isRunbookFile('runbooks/_template.md'), false);
    assert.strictEqual(isRunbookFile('runbooks/a.txt'), false);
  });
});

describe('shipped runbooks', () => {
  const files = readdirSync(SHIPPED).filter((f) => isRunbookFile(f));
  it('there are at least six', () => assert.ok(files.length >= 6, files.join()));
  for (const file of files) {
    it(`${file} parses without problems and has rules, steps and levers`, () => {
      const rb = parseRunbook(`runbooks/${file}`, readFileSync(join(SHIPPED, file), 'utf8'));
      assert.deepStrictEqual(rb.diagnostics.map((d) => formatDiagnostic(rb.path, d)), []);
      assert.strictEqual(rb.titleSource, 'frontMatter');
      assert.ok(rb.rules.length > 0, 'no match rules');
      assert.ok(rb.steps.length > 0, 'no steps');
      assert.ok(rb.levers.length > 0, 'no levers');
    });
  }
});
