// The editor-free parts of the test harness: ports, polling, sandbox layout, demo workspace.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXTENSION_ID, PROJECT_ROOT, manifest } from '../harness/paths';
import { createSandbox, quietSettings } from '../harness/sandbox';
import { freePort, isPortFree, waitFor } from '../harness/util';
import { createDemoWorkspace } from '../harness/workspace';

describe('test harness', () => {
  it('finds the project and its extension id', () => {
    assert.strictEqual(EXTENSION_ID, 'incident-desk.incident-desk');
    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'package.json')));
  });

  it('hands out a free port', async () => {
    const port = await freePort();
    assert.ok(port > 1024 && port < 65536, `port ${port}`);
    assert.strictEqual(await isPortFree(port), true);
  });

  it('waitFor resolves on a condition and times out with the reason', async () => {
    let ticks = 0;
    await waitFor(() => ++ticks >= 3, 2000, 'three ticks');
    await assert.rejects(waitFor(() => false, 200, 'never'), /timeout after .* waiting for never/);
  });

  it('maps light and dark to VS Code default themes and keeps other names', () => {
    assert.strictEqual(quietSettings('light')['workbench.colorTheme'], 'Default Light Modern');
    assert.strictEqual(quietSettings('dark')['workbench.colorTheme'], 'Default Dark Modern');
    assert.strictEqual(quietSettings('Solarized Dark')['workbench.colorTheme'], 'Solarized Dark');
    assert.strictEqual(quietSettings()['workbench.colorTheme'], undefined);
    assert.strictEqual(quietSettings()['security.workspace.trust.enabled'], false);
  });

  it('creates a sandbox with the extension linked in and removes it again', () => {
    const sandbox = createSandbox({ name: 'unit', install: 'symlink', theme: 'light', settings: { 'editor.fontSize': 15 } });
    try {
      const link = path.join(sandbox.extensions, `${EXTENSION_ID}-${manifest.version}`);
      assert.strictEqual(fs.realpathSync(link), fs.realpathSync(PROJECT_ROOT));
      const settings = JSON.parse(fs.readFileSync(path.join(sandbox.userData, 'User', 'settings.json'), 'utf8'));
      assert.strictEqual(settings['workbench.colorTheme'], 'Default Light Modern');
      assert.strictEqual(settings['editor.fontSize'], 15);
      assert.strictEqual(sandbox.env.TMPDIR, sandbox.tmp);
    } finally {
      sandbox.dispose();
    }
    if (process.env.KEEP_TMP !== '1') assert.strictEqual(fs.existsSync(sandbox.root), false);
  });

  it('generates a demo workspace that is a git repository with recent history', function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-unit-ws-'));
    try {
      const workspace = createDemoWorkspace(path.join(dir, 'ws'));
      const log = execFileSync('git', ['log', '--since=1.day', '--format=%H'], { cwd: workspace.dir, encoding: 'utf8' });
      assert.ok(log.trim().split('\n').length >= 1, `recent commits (${workspace.generator})`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
