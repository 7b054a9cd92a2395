import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, runCli } from './runCli';

describe('cli bundle (dist/cli.js)', function () {
  this.timeout(60_000);
  it('is an executable node script with a shebang', () => {
    const head = fs.readFileSync(CLI, 'utf8').slice(0, 40);
    assert.match(head, /^#!\/usr\/bin\/env node\n/);
    if (process.platform !== 'win32') assert.ok((fs.statSync(CLI).mode & 0o111) !== 0, 'not executable');
  });

  it('never loads vscode, and nothing of src/host went into it', () => {
    const text = fs.readFileSync(CLI, 'utf8');
    assert.doesNotMatch(text, /require\(["']vscode["']\)/);
    assert.doesNotMatch(text, /from ["']vscode["']/);
    const map = JSON.parse(fs.readFileSync(`${CLI}.map`, 'utf8')) as { sources: string[] };
    const ours = map.sources.filter((s) => !s.includes('node_modules/') && s.includes('src/'));
    assert.ok(ours.some((s) => s.includes('src/cli/main.ts')), 'the source map lists src/cli/main.ts');
    assert.deepEqual(ours.filter((s) => /src\/host\//.test(s)), []);
    assert.ok(ours.every((s) => /src\/(cli|core|sources)\//.test(s)), `unexpected: ${ours.filter((s) => !/src\/(cli|core|sources)\//.test(s)).join(', ')}`);
  });

  it('is named as the package bin', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    assert.equal(pkg.bin?.['incident-desk'], 'dist/cli.js');
  });

  it('prints the command list with --help (exit 0) and a usage error without a command (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-cli-'));
    const help = await runCli(['--help'], { cwd: dir });
    assert.equal(help.code, 0);
    for (const c of ['changes', 'start', 'log', 'confirm', 'refute', 'resolve', 'timeline', 'errors', 'logs', 'suspects', 'postmortem']) assert.match(help.stdout, new RegExp(`^  ${c} `, 'm'));
    assert.match(help.stdout, /Exit status: 0 ok/);
    const none = await runCli([], { cwd: dir });
    assert.equal(none.code, 2);
    const unknown = await runCli(['frobnicate'], { cwd: dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives every command its own --help', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-cli-'));
    for (const c of ['changes', 'start', 'log', 'confirm', 'refute', 'resolve', 'timeline', 'errors', 'logs', 'suspects', 'postmortem']) {
      const r = await runCli([c, '--help'], { cwd: dir });
      assert.equal(r.code, 0, c);
      assert.match(r.stdout, new RegExp(`^Usage: incident-desk ${c}`), c);
      assert.match(r.stdout, /--json/, c);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
