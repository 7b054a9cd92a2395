import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sortedSignatures } from '../../../src/core/logs/signatureOrder';
import { readLogSourceConfigs, sparkline } from '../../../src/core/logs/sourceConfig';
import { readLogSource } from '../../../src/sources/logs/readLogSource';

const MIN = 60_000;

describe('log source settings', () => {
  it('reads each type; a bad item is a problem naming it and never hides the others', () => {
    const { sources, problems } = readLogSourceConfigs([
      { name: 'app', type: 'file', path: 'logs/*.log', success: { pattern: 'order placed' } },
      { name: 'k8s', type: 'command', command: ['kubectl', 'logs', 'deploy/checkout', '--timestamps'], timeoutSeconds: 20, format: 'json', timestampPrefix: true },
      { name: 'loki', type: 'loki', url: 'https://loki.example.com', query: '{app="checkout"}', tenant: 't1' },
      { name: 'es', type: 'elasticsearch', url: 'https://es.example.com', index: 'logs-*', fields: { level: 'severity' } },
      { name: 'bad-cmd', type: 'command', command: 'kubectl logs x' },
      { name: 'app', type: 'file', path: 'other.log' },
      { type: 'file', path: 'x.log' },
      { name: 'weird', type: 'ftp' },
      { name: 'bad-re', type: 'file', path: 'x', success: { pattern: '(' } },
      'nope',
    ]);
    assert.deepEqual(sources.map((s) => `${s.name}:${s.type}`), ['app:file', 'k8s:command', 'loki:loki', 'es:elasticsearch']);
    assert.deepEqual(sources[0].success, { kind: 'regex', pattern: 'order placed' });
    assert.deepEqual(sources[1].format, { format: 'json', timestampPrefix: true });
    assert.deepEqual(problems.map((p) => p.index), [4, 5, 6, 7, 8, 9]);
    assert.match(problems[0].message, /array of strings.*no shell/);
    assert.match(problems[1].message, /earlier source/);
    assert.match(problems[4].message, /invalid success pattern/);
    assert.deepEqual(readLogSourceConfigs(undefined), { sources: [], problems: [] });
  });

  it('sparkline: highest count is the full block, zero the lowest and any count above it, folded to the width', () => {
    assert.equal(sparkline([0, 1, 2, 4, 8]), '▁▂▃▅█');
    assert.equal(sparkline([0, 0]), '▁▁');
    assert.equal(sparkline(new Array(60).fill(1), 30).length, 30);
    assert.equal(sparkline([]), '');
  });
});

describe('reading a configured source', () => {
  const end = Date.UTC(2026, 10, 23, 14, 0);
  const window = { start: end - 15 * MIN, end };
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idlogs-'));
    const lines: string[] = [];
    for (let t = window.start - 60 * MIN; t <= end; t += 30_000) lines.push(`${new Date(t).toISOString()} INFO order placed id=${t % 1000}`);
    for (let i = 0; i < 30; i++) lines.push(`${new Date(window.start + 2 * MIN + i * 1000).toISOString()} ERROR partition key is null for order ${i}`);
    lines.sort();
    fs.writeFileSync(path.join(dir, 'app.log'), lines.join('\n') + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('file and command sources read the same data alike; new signatures are sorted first', async () => {
    const file = await readLogSource({ name: 'file', type: 'file', path: 'app.log' }, { window }, { cwd: dir, timeZone: 'UTC' });
    const cmd = await readLogSource({ name: 'cmd', type: 'command', command: [process.execPath, '-e', 'process.stdout.write(require("fs").readFileSync("app.log"))'] }, { window }, { cwd: dir, timeZone: 'UTC' });
    for (const r of [file, cmd]) {
      assert.equal(r.status.state, 'ok', r.status.error?.message);
      assert.equal(r.status.counts.levels.error, 30);
      const [first] = sortedSignatures(r);
      assert.match(first.signature.template, /partition key is null/);
      assert.deepEqual(first.marks, ['new']);
    }
    assert.ok(file.entries.find((e) => e.level === 'error')?.file?.endsWith('app.log'));
  });

  it('a failing remote source becomes the status, not a rejection', async () => {
    const r = await readLogSource({ name: 'loki', type: 'loki', url: 'http://example.com', query: '{a="b"}' }, { window }, {});
    assert.equal(r.status.error?.kind, 'notConfigured');
    const missing = await readLogSource({ name: 'cmd', type: 'command', command: ['surely-not-a-program-xyz'] }, { window }, {});
    assert.equal(missing.status.error?.kind, 'toolMissing');
  });
});
