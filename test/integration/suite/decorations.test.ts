// Editor marks of current Sentry issues without opening the Errors view: nothing is asked of
// Sentry while no file editor is visible; the first one starts the issues and its lines get marks.
// Runs before errors.test.ts (file order), while the Errors feature has not been started.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IncidentDeskApi } from '../../../src/host/extension';
import { DEMO_TOKEN } from '../../../src/core/demo';
import { ReplayServer } from '../../replay/replayServer';
import { installSentryRoutes } from '../../replay/sentryReplay';
import { demoSentryData, DEMO_ORG, DEMO_PROJECT } from '../../replay/demoData';
import { factsFromRepo } from '../../replay/demoFacts';
import { EXTENSION_ID, until } from '../support';

describe('Editor marks of Sentry issues start with the first editor (real HTTP, real editor)', function () {
  this.timeout(60_000);
  let server: ReplayServer;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('incidentDesk');
  const keys = ['sentry.baseUrl', 'sentry.organization', 'sentry.projects', 'demoData'];

  before(async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    server = await ReplayServer.start();
    // The demo token: accepted in demo mode at a loopback address, so no token command runs
    // (a command of the Errors view would start the feature by itself).
    installSentryRoutes(server, demoSentryData(factsFromRepo(root), Date.now()), { token: DEMO_TOKEN });
    await vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of keys) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await server?.close();
  });

  it('asks Sentry nothing while no file editor is visible, then marks the lines of the first one', async () => {
    await config().update('demoData', true, vscode.ConfigurationTarget.Workspace);
    await config().update('sentry.baseUrl', server.url, vscode.ConfigurationTarget.Workspace);
    await config().update('sentry.projects', [DEMO_PROJECT], vscode.ConfigurationTarget.Workspace);
    await config().update('sentry.organization', DEMO_ORG, vscode.ConfigurationTarget.Workspace);
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(server.requestsTo(/\/api\/0\//).length, 0, 'no editor, no request');

    const ws = vscode.workspace.workspaceFolders![0].uri;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ws, 'src', 'db', 'orders.ts'));
    await vscode.window.showTextDocument(doc);
    await until(() => server.requestsTo(/\/issues\//).length > 0 || undefined);
    const api = await vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID)!.activate();
    const marks = await until(async () => {
      const d = (await api.errors(0)).decorations;
      return Object.entries(d).find(([uri]) => uri.endsWith('/src/db/orders.ts'))?.[1];
    });
    const mark = marks.find((m) => m.line === 18);
    assert.ok(mark, `marks: ${JSON.stringify(marks)}`);
    assert.match(mark.text, /^⚠ 1,843 events · DatabaseError: null value/);
  });
});
