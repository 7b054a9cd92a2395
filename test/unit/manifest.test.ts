import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, SettingKeys, Views } from '../../src/core/ids';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('manifest is checked source', () => {
  it('has no relative links in the README, which `vsce package` refuses without a repository URL', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi)].map((m) => m[1]);
    assert.deepEqual(relative, []);
  });

  it('contributes exactly the commands of the ids module', () => {
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
  });

  it('registers every contributed command in the host code', () => {
    const host = sources(path.join(root, 'src', 'host')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    for (const [key, id] of Object.entries(Commands)) {
      assert.match(host, new RegExp(`register\\(\\s*Commands\\.${key}\\b`), `${id} has no registration`);
    }
  });

  it('puts every command in the "Incident Desk" category and activates lazily', () => {
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Incident Desk', c.command);
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'never activate on *');
  });

  it('contributes the views and settings of the ids module', () => {
    const views: string[] = Object.values(manifest.contributes.views).flat().map((v) => (v as { id: string }).id);
    const wanted = Object.entries(Views).filter(([k]) => k !== 'container').map(([, v]) => v);
    assert.deepEqual(views.sort(), wanted.sort());
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, Views.container);
    const props = Object.keys(manifest.contributes.configuration.properties).sort();
    const keys = Object.entries(SettingKeys).filter(([k]) => k !== 'section').map(([, v]) => `${SettingKeys.section}.${v}`).sort();
    assert.deepEqual(props, keys);
  });

  it('every menu and welcome entry names a known command', () => {
    const known = new Set([...contributed, 'workbench.action.files.openFolder']);
    for (const entries of Object.values(manifest.contributes.menus) as { command: string }[][]) {
      for (const e of entries) assert.ok(known.has(e.command), e.command);
    }
    for (const w of manifest.contributes.viewsWelcome) {
      for (const m of (w.contents as string).matchAll(/command:([\w.]+)/g)) assert.ok(known.has(m[1]), m[1]);
    }
  });

  it('matches the VS Code version the tests run on', () => {
    const typesVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version as string;
    assert.equal(manifest.engines.vscode, `^${typesVersion.split('.').slice(0, 2).join('.')}.0`);
  });
});

describe('architecture', () => {
  it('src/core never imports vscode', () => {
    const offenders = sources(path.join(root, 'src', 'core')).filter((f) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\s*\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('src/sources never imports vscode either (sources never touch the UI)', () => {
    const offenders = sources(path.join(root, 'src', 'sources')).filter((f) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
