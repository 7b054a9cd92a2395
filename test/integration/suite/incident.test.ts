// Incident records inside the real extension host: start, log, verdicts, views, hand edits,
// postmortem and the commit of exactly the two incident files, on the demo workspace's git repo.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { IncidentSnapshotNode, IncidentsSnapshot } from '../../../src/host/incident/incidentSnapshot';
import type { AppendResult } from '../../../src/host/incident/incidentWriter';
import type { CommitResult } from '../../../src/sources/git/incidentGit';
import { api, until } from '../support';

const TITLE = 'Checkout returns 500 <img src=x onerror=alert(1)>';

async function snapshot(): Promise<IncidentsSnapshot> {
  return (await api()).incidents();
}

function flatten(nodes: IncidentSnapshotNode[] = []): IncidentSnapshotNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('Incident records (real editor, real git)', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  let incident: vscode.Uri;

  before(async () => {
    // CI machines may have no global identity; the demo's commits are by fictional people.
    git('config', 'user.name', 'Riley Responder');
    git('config', 'user.email', 'riley@example.com');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("opens on the demo's half-written incident: the only open one becomes active, H1 refuted, H2 open", async () => {
    const snap = await until('the demo incident to load', async () => {
      const s = await snapshot();
      return s.active ? s : undefined;
    });
    assert.match(snap.active!.path, /incidents[\\/]\d{4}-\d\d-\d\d-checkout-returns-500-for-new-orders\.md$/);
    assert.equal(snap.active!.title, 'Checkout returns 500 for new orders');
    assert.ok(snap.statusBar.visible, 'status bar shows the demo incident');
    assert.match(snap.statusBar.text, /^\$\(flame\) SEV2 · Checkout returns 500 for new or… · 2[0-9]m$/);
    const labels = flatten(snap.timeline).map((n) => `${n.label} [${n.description ?? ''}]`);
    assert.ok(labels.some((l) => /H1/.test(l) && /refuted/i.test(l)), `H1 refuted in: ${labels.join(' | ')}`);
    assert.ok(labels.some((l) => /H2/.test(l) && /open/i.test(l)), `H2 open in: ${labels.join(' | ')}`);
  });

  it('starts an incident: a new file beside the code, active, in the status bar', async () => {
    const before = await snapshot();
    assert.equal(before.folder, path.join(root, 'incidents'));
    incident = (await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.startIncident', {
      title: TITLE,
      severity: 'SEV2',
      services: ['checkout-service', 'payments-api'],
      commander: 'Riley Responder',
    }))!;
    assert.ok(incident, 'the command returns the new file');
    const day = new Date().toISOString().slice(0, 10);
    assert.equal(path.basename(incident.fsPath), `${day}-checkout-returns-500-img-src-x-onerror-alert-1.md`);
    const text = fs.readFileSync(incident.fsPath, 'utf8');
    assert.match(text, /^---\ntitle: .*\nseverity: SEV2\nstatus: investigating\ncommander: Riley Responder\n/);
    const opened = await until('the file to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === incident.fsPath));
    assert.ok(opened);

    const snap = await snapshot();
    assert.equal(snap.active?.path, incident.fsPath);
    assert.equal(snap.active?.title, TITLE);
    assert.deepEqual(snap.active?.services, ['checkout-service', 'payments-api']);
    assert.ok(snap.statusBar.visible, 'status bar item shown');
    assert.equal(snap.statusBar.text, '$(flame) SEV2 · Checkout returns 500 <img src=x… · 0m');
    assert.match(snap.statusBar.tooltip.replace(/&nbsp;/g, ' '), /Commander: Riley Responder/);
    const row = snap.incidents.find((n) => n.label === TITLE);
    assert.ok(row, `the Incidents view lists it as plain text: ${snap.incidents.map((n) => n.label).join(' | ')}`);
    assert.match(row.description ?? '', /^active · SEV2 · investigating · just now$/);
    assert.equal(row.icon, 'flame');
    assert.equal(row.command, 'incidentDesk.switchIncident');
    assert.equal(snap.timeline.at(-1)?.command, 'incidentDesk.logEntry', 'an empty timeline says what to do');
  });

  it('never overwrites: the same title on the same day gets -2, and switching makes the first active again', async () => {
    const second = await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.startIncident', { title: TITLE, severity: 'SEV4', open: false });
    assert.ok(second && second.fsPath.endsWith('-alert-1-2.md'), second?.fsPath);
    assert.equal((await snapshot()).active?.severity, 'SEV4');
    await vscode.commands.executeCommand('incidentDesk.switchIncident', incident);
    const snap = await snapshot();
    assert.equal(snap.active?.path, incident.fsPath);
    assert.ok(snap.incidents.length >= 2);
    const del = new vscode.WorkspaceEdit();
    del.deleteFile(second);
    assert.ok(await vscode.workspace.applyEdit(del), 'deleted as from the Explorer');
    await until('the deleted file to leave the view', async () => !(await snapshot()).incidents.some((n) => n.description?.includes('SEV4')));
  });

  it('logs entries, refutes and confirms hypotheses with reasons; open hypotheses come first', async () => {
    const run = <T>(command: string, args: unknown): Thenable<T> => vscode.commands.executeCommand<T>(command, args);
    const obs = await run<AppendResult>('incidentDesk.logEntry', { kind: 'observation', text: 'Error rate on /checkout is 40 %', link: 'src/api/orders.ts:42' });
    assert.equal(obs.entry.author, 'Riley Responder');
    assert.equal(obs.viaEditor, false);
    const h1 = await run<AppendResult>('incidentDesk.logEntry', { kind: 'hypothesis', text: 'The last deploy broke the partition key' });
    assert.equal(h1.entry.hypothesis, 'H1');
    await assert.rejects(() => Promise.resolve(run('incidentDesk.refuteHypothesis', { id: 'H1', reason: '  ' })), /needs a reason/);
    await run('incidentDesk.refuteHypothesis', { id: 'H1', reason: 'Rolled back; the errors continue. Not a human error in the deploy.' });
    const h2 = await run<AppendResult>('incidentDesk.logEntry', { kind: 'hypothesis', text: 'The partition for the new region is missing' });
    assert.equal(h2.entry.hypothesis, 'H2');
    await run('incidentDesk.logEntry', { kind: 'hypothesis', text: 'The connection pool is exhausted' });
    await run('incidentDesk.confirmHypothesis', { id: 'h2', reason: 'Inserts for region eu-3 fail with "no partition"' });
    await assert.rejects(() => Promise.resolve(run('incidentDesk.confirmHypothesis', { id: 'H9', reason: 'x' })), /no hypothesis H9/);

    const text = fs.readFileSync(incident.fsPath, 'utf8');
    assert.match(text, /· observation · Riley Responder — Error rate on \/checkout is 40 %\n {2}- link: src\/api\/orders\.ts:42\n/);
    assert.match(text, /· refute H1 · Riley Responder — Rolled back; the errors continue/);
    assert.match(text, /· confirm H2 · Riley Responder — Inserts for region eu-3/);

    const snap = await snapshot();
    assert.deepEqual(snap.active?.hypotheses, [
      { id: 'H1', state: 'refuted' },
      { id: 'H2', state: 'confirmed' },
      { id: 'H3', state: 'open' },
    ]);
    const group = snap.timeline.find((n) => n.type === 'hypotheses');
    assert.ok(group && group === snap.timeline[0], 'hypotheses come first');
    assert.equal(group.label, 'Open hypotheses');
    assert.equal(group.description, '1 open · 1 confirmed · 1 refuted');
    assert.deepEqual(group.children?.map((c) => c.label.slice(0, 3)), ['H3:', 'H2:', 'H1:']);
    assert.match(group.children![0].description ?? '', /^open · /);
    const entries = snap.timeline.filter((n) => n.type === 'entry');
    assert.deepEqual(entries.map((e) => e.icon), ['eye', 'circle-slash', 'close', 'pass', 'lightbulb', 'check']);
    assert.match(entries[1].description ?? '', /^H1 · refuted · Riley Responder · just now$/);
    assert.match(entries[2].description ?? '', /^H1 refuted · /);
    assert.ok(entries.every((e) => e.command === 'incidentDesk.timeline.revealEntry' && typeof e.line === 'number'));
  });

  it('reveals an entry in the file with its lines selected', async () => {
    const entry = flatten((await snapshot()).timeline).find((n) => n.type === 'entry' && n.label.startsWith('Error rate'));
    assert.ok(entry?.line);
    await vscode.commands.executeCommand('incidentDesk.timeline.revealEntry', incident, entry.line, entry.line + 1);
    const editor = await until('the entry to be selected', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.fsPath === incident.fsPath && e.selection.start.line === entry.line! - 1 ? e : undefined;
    }).catch((error: Error) => {
      const e = vscode.window.activeTextEditor;
      const disk = fs.readFileSync(incident.fsPath, 'utf8');
      throw new Error(`${error.message}: active ${e?.document.uri.fsPath} selection ${e?.selection.start.line}-${e?.selection.end.line}, wanted ${entry.line! - 1}; doc lines ${e?.document.lineCount}, disk lines ${disk.split('\n').length}, dirty ${e?.document.isDirty}`);
    });
    assert.equal(editor.selection.end.line, entry.line);
    assert.match(editor.document.lineAt(entry.line - 1).text, /observation/);
  });

  it('shows an unsaved hand edit in the Timeline, flags a damaged line, and appends through the editor', async () => {
    const doc = await vscode.workspace.openTextDocument(incident);
    await vscode.window.showTextDocument(doc);
    await until('the editor to show what is on disk', () => doc.getText() === fs.readFileSync(incident.fsPath, 'utf8'));
    // Equal text is not enough on a loaded machine: the editor may not have taken in the disk
    // write's modification time yet, and a save would then be refused as a conflict.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const handLines = `- **${at}** · note · Sam Hand — Written by hand in the editor\n- **yesterday-ish** · note · Sam Hand — this line is damaged\n`;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(incident, end, (doc.lineAt(doc.lineCount - 1).isEmptyOrWhitespace ? '' : '\n') + handLines);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the hand edit is not saved');
    const damagedLine = doc.getText().split('\n').findIndex((l) => l.includes('yesterday-ish')); // 0-based

    const snap = await until('the hand edit in the Timeline', async () => {
      const s = await snapshot();
      return s.timeline.some((n) => n.label === 'Written by hand in the editor') ? s : undefined;
    });
    assert.equal(snap.active?.fromEditor, true);
    assert.ok(snap.timeline.some((n) => n.type === 'message' && /could not be read/.test(n.label)), 'the view points at the problem');
    const diagnostic = await until('a diagnostic on the damaged line', () =>
      vscode.languages.getDiagnostics(incident).find((d) => d.source === 'Incident Desk' && d.code === 'incident-file'),
    );
    assert.equal(diagnostic.range.start.line, damagedLine);
    assert.match(diagnostic.message, /yesterday-ish/);

    const onDiskBefore = fs.readFileSync(incident.fsPath, 'utf8');
    const action = await vscode.commands.executeCommand<AppendResult>('incidentDesk.logEntry', { kind: 'action', text: 'Turned the new-region flag off' });
    assert.equal(action.viaEditor, true, 'a dirty editor gets the entry through an edit');
    assert.equal(fs.readFileSync(incident.fsPath, 'utf8'), onDiskBefore, 'nothing was written behind the editor');
    const lines = doc.getText().split('\n');
    assert.ok(lines.some((l) => l.includes('Written by hand in the editor')), 'the hand edit is kept');
    assert.match(lines[action.line - 1], /· action · Riley Responder — Turned the new-region flag off$/);

    // Mend the damaged line by hand, save, and the problem goes away.
    const fix = new vscode.WorkspaceEdit();
    fix.delete(incident, new vscode.Range(damagedLine, 0, damagedLine + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(fix));
    assert.ok(await doc.save());
    await until('the diagnostic to clear', () => !vscode.languages.getDiagnostics(incident).some((d) => d.code === 'incident-file'));
    assert.match(fs.readFileSync(incident.fsPath, 'utf8'), /Written by hand in the editor[\s\S]*Turned the new-region flag off/);
  });

  it('picks up a write from outside the editor (another window, a script)', async () => {
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    fs.appendFileSync(incident.fsPath, `- **${at}** · note · Other Window — Paged the database team\n`);
    await until('the outside write in the Timeline', async () => (await snapshot()).timeline.some((n) => n.label === 'Paged the database team'), 15_000);
  });

  it('sets the status: mitigated, then resolved with its time, and the status bar says so', async () => {
    await vscode.commands.executeCommand('incidentDesk.setIncidentStatus', { status: 'mitigated' });
    let snap = await snapshot();
    assert.equal(snap.active?.status, 'mitigated');
    assert.match(snap.statusBar.text, /^\$\(shield\) SEV2 · /);
    await vscode.commands.executeCommand('incidentDesk.resolveIncident', incident);
    snap = await snapshot();
    assert.equal(snap.active?.status, 'resolved');
    assert.match(snap.statusBar.text, / · resolved$/);
    const text = fs.readFileSync(incident.fsPath, 'utf8');
    assert.match(text, /\nstatus: resolved\n/);
    assert.match(text, /\nresolved: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    assert.match(text, /· status · Riley Responder — Status: mitigated → resolved\n/);
    assert.equal(snap.incidents.find((n) => n.label === TITLE)?.icon, 'pass');
  });

  it('drafts the postmortem, flags blaming phrases, and asks before replacing it', async () => {
    const pm = await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.draftPostmortem', {});
    assert.ok(pm);
    assert.equal(pm.fsPath, incident.fsPath.replace(/\.md$/, '.postmortem.md'));
    const text = fs.readFileSync(pm.fsPath, 'utf8');
    assert.ok(text.startsWith(`# Postmortem: ${TITLE}\n`));
    assert.match(text, /Confirmed cause \(H2\): The partition for the new region is missing/);
    await until('the postmortem to open', () => vscode.window.activeTextEditor?.document.uri.fsPath === pm.fsPath);
    const blame = await until('a blaming-phrase warning', () => vscode.languages.getDiagnostics(pm).find((d) => d.code === 'blaming-phrase'));
    assert.equal(blame.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(blame.source, 'Incident Desk');
    assert.match(blame.message, /human error/i);
    assert.ok(vscode.languages.getDiagnostics(incident).some((d) => d.code === 'blaming-phrase'), 'the incident file is checked too');

    // Written by a person: a second draft must not replace it unless asked to.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'Our own words about what happened.\n\n'));
    await editor.document.save();
    const again = await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.draftPostmortem', { replace: false });
    assert.equal(again?.fsPath, pm.fsPath);
    assert.match(fs.readFileSync(pm.fsPath, 'utf8'), /Our own words about what happened/);
  });

  it('commits exactly the incident file and its postmortem, leaving other staged and unstaged work alone', async () => {
    fs.writeFileSync(path.join(root, 'other.txt'), 'staged by the person, not part of the postmortem\n');
    git('add', 'other.txt');
    const readme = path.join(root, 'README.md');
    fs.appendFileSync(readme, '\nUnstaged work in progress.\n');
    const headBefore = git('rev-parse', 'HEAD').trim();
    try {
      const result = await vscode.commands.executeCommand<CommitResult>('incidentDesk.commitPostmortem', {});
      assert.ok(result?.sha);
      const day = new Date().toISOString().slice(0, 10);
      assert.equal(git('log', '-1', '--format=%s').trim(), `Postmortem: ${TITLE} (SEV2, ${day})`);
      assert.equal(git('rev-parse', 'HEAD^').trim(), headBefore);
      const files = git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort();
      const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
      assert.deepEqual(files, [rel(incident.fsPath), rel(incident.fsPath.replace(/\.md$/, '.postmortem.md'))].sort());
      assert.match(git('show', '--stat', '--format=', 'HEAD'), /2 files changed/);
      assert.equal(git('diff', '--cached', '--name-only').trim(), 'other.txt', 'other.txt is still staged');
      assert.equal(git('diff', '--name-only').trim(), 'README.md', 'unstaged work is untouched');
      assert.equal(git('log', '-1', '--format=%an').trim(), 'Riley Responder');
      const shown = await vscode.workspace.openTextDocument(
        vscode.Uri.from({ scheme: 'incident-desk-commit', path: `/${result.sha}.txt`, query: encodeURIComponent(result.root) }),
      );
      assert.match(shown.getText(), /Postmortem: Checkout returns 500/);
      assert.match(shown.getText(), /\.postmortem\.md/);

      await assert.rejects(() => Promise.resolve(vscode.commands.executeCommand('incidentDesk.commitPostmortem', {})), /Nothing to commit/);
    } finally {
      git('reset', '-q', '--', 'other.txt');
      fs.unlinkSync(path.join(root, 'other.txt'));
      git('checkout', '--', 'README.md');
    }
  });
});
