// Runs inside VS Code's extension host with the real `vscode` API.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface ContributedCommand {
  command: string;
}

function findManifest(start: string): { publisher: string; name: string; contributes?: { commands?: ContributedCommand[] } } {
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.name === 'incident-desk') return manifest;
    }
  }
  throw new Error(`no incident-desk package.json above ${start}`);
}

const manifest = findManifest(__dirname);
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

describe('integration: extension smoke', () => {
  it('runs in VS Code 1.100.x', () => {
    assert.match(vscode.version, /^1\.100\./, `vscode.version is ${vscode.version}`);
  });

  it('has the demo workspace open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'exactly one workspace folder');
    assert.ok(fs.existsSync(path.join(folders[0].uri.fsPath, '.git')), 'the workspace is a git repository');
  });

  it(`finds ${EXTENSION_ID} and activates it`, async () => {
    assert.strictEqual(EXTENSION_ID, 'incident-desk.incident-desk');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.ok(extension.isActive, 'extension is active');
  });

  it('registers every command the manifest contributes', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('opens the Incident Desk view container and its Changes view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.incidentDesk');
    await vscode.commands.executeCommand('incidentDesk.changes.focus');
  });
});
