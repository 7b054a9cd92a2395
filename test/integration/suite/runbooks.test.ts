// Runbooks inside the real extension host: the shipped runbooks copied into the demo workspace,
// suggestions for a demo-like incident with their reasons, CodeLenses on shell fences, Copy,
// and a runbook drafted from the incident. Running a step and flipping a flag need the modal
// confirmation to be clicked, so they are covered by the e2e test (test/e2e/runbooks.test.ts).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { RunbooksSnapshot } from '../../../src/host/runbooks/runbooksRuntime';
import { api, until } from '../support';

const SHIPPED = path.resolve(__dirname, '../../../../runbooks');

describe('Runbooks (real editor)', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const runbooksDir = path.join(root, 'runbooks');

  before(async () => {
    execFileSync('git', ['config', 'user.name', 'Riley Responder'], { cwd: root });
    fs.mkdirSync(runbooksDir, { recursive: true });
    // The demo keeps the shipped runbooks in docs/runbooks/: every one of them is there.
    for (const f of fs.readdirSync(SHIPPED)) assert.ok(fs.existsSync(path.join(root, 'docs', 'runbooks', f)), f);
    // A runbook with broken front matter and a hostile title is still listed, inert.
    fs.writeFileSync(path.join(runbooksDir, 'broken.md'), '---\ntitle: [unclosed\n---\n# <img src=x onerror=alert(1)> Broken\n\n```sh\necho "$(whoami)"\n```\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('incidentDesk.runbooks.refresh');
  });

  it('lists the runbooks of docs/runbooks/ and runbooks/, including one with broken front matter', async () => {
    const snap: RunbooksSnapshot = await (await api()).runbooks();
    const paths = snap.runbooks.map((r) => r.path).sort();
    assert.ok(paths.includes('docs/runbooks/database-write-failures.md'), paths.join());
    assert.ok(!paths.includes('runbooks/README.md'));
    const broken = snap.runbooks.find((r) => r.path === 'runbooks/broken.md');
    assert.ok(broken, 'broken runbook listed');
    assert.equal(broken.title, '<img src=x onerror=alert(1)> Broken');
    assert.ok(broken.problems > 0);
    for (const r of snap.runbooks.filter((x) => x.path !== 'runbooks/broken.md')) assert.equal(r.problems, 0, r.path);
  });

  it('suggests the database runbook for a demo-like incident, with the reason', async () => {
    await vscode.commands.executeCommand('incidentDesk.startIncident', { title: 'Checkout returns 500 for new orders', severity: 'SEV2', services: ['checkout-service'], open: false });
    await vscode.commands.executeCommand('incidentDesk.logEntry', { kind: 'hypothesis', text: 'Inserts fail with `no partition of relation "orders" found for row` since the deploy' });
    const snap = await until('a suggestion', async () => {
      const s = await (await api()).runbooks();
      return s.suggested.length > 0 && s.suggested[0]!.path === 'docs/runbooks/database-write-failures.md' ? s : undefined;
    });
    assert.match(snap.suggested[0]!.reasons.join('\n'), /matches log signature `no partition of relation "orders" found for row`/);
  });

  it('puts Run step and Copy CodeLenses on the shell fences of a runbook, and Copy copies the command', async () => {
    const uri = vscode.Uri.file(path.join(root, 'docs', 'runbooks', 'database-write-failures.md'));
    await vscode.commands.executeCommand('incidentDesk.runbooks.open', uri);
    const editor = await until('the runbook beside', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === uri.fsPath));
    assert.ok(editor.viewColumn !== undefined);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const ours = lenses.filter((l) => l.command?.command.startsWith('incidentDesk.runbooks.'));
    assert.ok(ours.some((l) => l.command!.title.includes('Run step')));
    assert.ok(ours.some((l) => l.command!.title.includes('Copy')));
    const text = editor.document.getText().split('\n');
    for (const l of ours) assert.match(text[l.range.start.line] ?? '', /^\s*(`{3,}|~{3,})\s*(sh|bash|shell|zsh|console)\b/);
    const copy = ours.find((l) => l.command!.command === 'incidentDesk.runbooks.copyStep')!;
    const copied = await vscode.commands.executeCommand<string>(copy.command!.command, ...(copy.command!.arguments ?? []));
    assert.equal(await vscode.env.clipboard.readText(), copied);
    assert.ok(copied.length > 0);
  });

  it('drafts a new runbook from the incident that is then suggested for it', async () => {
    await vscode.commands.executeCommand('incidentDesk.confirmHypothesis', { id: 'H1', reason: 'partition_key is NULL in every failing insert' });
    const uri = await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.newRunbookFromIncident');
    assert.ok(uri, 'a file was created');
    assert.equal(path.relative(root, uri.fsPath), path.join('runbooks', 'checkout-returns-500-for-new-orders.md'));
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /^---\ntitle: Checkout returns 500 for new orders\n/);
    assert.match(text, /Inserts fail with/);
    const snap = await until('the draft to be suggested', async () => {
      const s = await (await api()).runbooks();
      return s.suggested.some((x) => x.path === 'runbooks/checkout-returns-500-for-new-orders.md') ? s : undefined;
    });
    const draft = snap.runbooks.find((r) => r.path === 'runbooks/checkout-returns-500-for-new-orders.md')!;
    assert.equal(draft.problems, 0);
    // A second draft never replaces the first.
    const again = await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.newRunbookFromIncident');
    assert.notEqual(again.fsPath, uri.fsPath);
    fs.rmSync(again.fsPath);
  });

  it('lists the flags of the configured flags file', async () => {
    await vscode.workspace.getConfiguration('incidentDesk').update('runbooks.flagsFile', 'config/flags.yml', vscode.ConfigurationTarget.Workspace);
    try {
      const snap = await until('the flags', async () => (await (await api()).runbooks()).flags);
      assert.equal(snap.path, 'config/flags.yml');
      // The demo history flips these; compare with the file as the YAML library reads it.
      const parsed = parse(fs.readFileSync(path.join(root, 'config/flags.yml'), 'utf8')) as { flags: Record<string, { enabled: boolean }> };
      const expected = Object.entries(parsed.flags).map(([name, f]) => ({ name: `flags.${name}.enabled`, value: f.enabled }));
      assert.ok(expected.length >= 3);
      assert.deepEqual(
        snap.flags.filter((f) => f.name.endsWith('.enabled')),
        expected,
      );
    } finally {
      await vscode.workspace.getConfiguration('incidentDesk').update('runbooks.flagsFile', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  // The terminal part of "Run step", without the modal (which only a person, or the e2e test, can
  // click): with shell integration the exit code and output come back; in a shell without it
  // (dash) the command is still sent and the result says that output could not be captured.
  it('reads exit code and output through shell integration, and says when it cannot', async function () {
    this.timeout(90_000);
    const { runInTerminal } = await import('../../../src/host/runbooks/stepTerminal');
    const bash = vscode.window.createTerminal({ name: 'Runbook: integration bash', shellPath: '/bin/bash', cwd: root });
    const withIntegration = await runInTerminal(bash, 'echo runbook-integration-ok; false', 30_000);
    bash.dispose();
    if (withIntegration.note?.includes('no shell integration')) {
      // Some headless terminals never report shell integration; then the fallback must say so.
      assert.equal(withIntegration.exitCode, undefined);
    } else {
      assert.equal(withIntegration.exitCode, 1);
      assert.match(withIntegration.output ?? '', /runbook-integration-ok/);
      assert.ok((withIntegration.durationMs ?? -1) >= 0);
    }
    const marker = path.join(root, 'runbook-dash-ran.txt');
    const dash = vscode.window.createTerminal({ name: 'Runbook: integration sh', shellPath: '/bin/sh', cwd: root });
    const without = await runInTerminal(dash, `touch '${marker}'`, 30_000);
    assert.equal(without.exitCode, undefined);
    assert.equal(without.output, undefined);
    assert.match(without.note ?? '', /could not be captured: this terminal has no shell integration/);
    await until('the command to have run in the plain shell', () => fs.existsSync(marker));
    dash.dispose();
    fs.rmSync(marker);
  });
});
