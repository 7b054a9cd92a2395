// The Changes view on repositories that are not the happy demo: hostile history, no repository.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openViewContainer, screenshot, waitForSideBarContent } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';
const HOSTILE = '<img src=x onerror=alert(1)> **bold** [run](command:workbench.action.quit) \u202Eevil';

function git(cwd: string, ...args: string[]): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Mallory [x](command:workbench.action.quit)', GIT_AUTHOR_EMAIL: 'm@example.com', GIT_COMMITTER_NAME: 'm', GIT_COMMITTER_EMAIL: 'm@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd };
  execFileSync('git', args, { cwd, env });
}

describe('e2e: Changes view with hostile history and without a repository', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  let workbench: Workbench | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-states-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
    await workbench?.dispose();
    workbench = undefined;
  });

  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('shows hostile commit text and file names as inert text', async function () {
    this.timeout(180_000);
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-hostile-'));
    dirs.push(repo);
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'a "quoted" name.txt'), 'x\n');
    fs.writeFileSync(path.join(repo, '<script>alert(1)<%2Fscript>.js'), 'y\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', `${HOSTILE}\n\nbody <iframe src=javascript:alert(2)>`);
    workbench = await openWorkbench({ suite: SUITE, name: 'hostile', workspace: repo, theme: 'dark' });
    const page = workbench.page;
    await openViewContainer(page);
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: '<img src=x onerror=alert(1)>' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: '<script>alert(1)<%2Fscript>.js' }).first().waitFor({ timeout: 10_000 });
    await waitForSideBarContent(page);
    assert.equal(await page.locator('.part.sidebar img[src="x"], .part.sidebar iframe, .part.sidebar script').count(), 0, 'no markup from the commit reaches the DOM');
    const text = await row.innerText();
    assert.ok(text.includes('**bold** [run](command:workbench.action.quit)'), `shown literally: ${text}`);
    assert.ok(!text.includes('\u202E'), 'the bidi override is neutralised');
    // Tree tooltips open after a delay when the pointer rests on the label.
    const label = row.locator('.monaco-icon-label').first();
    const box = await label.boundingBox();
    assert.ok(box, 'label has a box');
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 5 });
    const hover = page.locator('.monaco-hover, .workbench-hover, .custom-hover', { hasText: 'onerror' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.equal(await hover.locator('a[href*="command:"], img, iframe').count(), 0, 'the hover renders no link, image or frame');
    const hoverText = await hover.innerText();
    assert.ok(hoverText.includes('Mallory [x](command:workbench.action.quit)'), `the author shows literally: ${hoverText}`);
    assert.ok(!hoverText.includes('\u202E'), 'no bidi override in the hover');
    await screenshot(page, SUITE, 'changes-hostile');
  });

  it('shows one repository per root of a multi-root workspace, one of them opened from a subfolder', async function () {
    this.timeout(180_000);
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-multi-'));
    dirs.push(base);
    const a = path.join(base, 'service-a');
    const b = path.join(base, 'service-b');
    for (const [dir, file, subject] of [[a, 'api/handler.ts', 'Handle refunds in service A'], [b, 'worker.ts', 'Retry jobs in service B']]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      git(base, 'init', '-q', '-b', 'main', dir);
      fs.writeFileSync(path.join(dir, file), 'export {};\n');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', subject);
    }
    const workspaceFile = path.join(base, 'services.code-workspace');
    fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'service-a/api' }, { path: 'service-b' }] }));
    workbench = await openWorkbench({ suite: SUITE, name: 'multi-root', workspace: a, workspaceFile, theme: 'light' });
    const page = workbench.page;
    await openViewContainer(page);
    for (const [repo, subject] of [['api', 'Handle refunds in service A'], ['service-b', 'Retry jobs in service B']]) {
      await page.locator('.part.sidebar .monaco-list-row', { hasText: repo }).first().waitFor({ timeout: 30_000 });
      await page.locator('.part.sidebar .monaco-list-row', { hasText: subject }).first().waitFor({ timeout: 30_000 });
    }
    await waitForSideBarContent(page);
    const rootRow = await page.locator('.part.sidebar .monaco-list-row', { hasText: /^api/ }).first().innerText();
    assert.match(rootRow, /repository service-a · 1 commit\b/, 'the subfolder root names its repository');
    await screenshot(page, SUITE, 'changes-multi-root');
  });

  it('says what to do in a folder that is not a repository', async function () {
    this.timeout(180_000);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-plain-'));
    dirs.push(plain);
    fs.writeFileSync(path.join(plain, 'notes.txt'), 'not a repository\n');
    workbench = await openWorkbench({ suite: SUITE, name: 'no-repo', workspace: plain, theme: 'light' });
    const page = workbench.page;
    await openViewContainer(page);
    const welcome = page.locator('.part.sidebar .welcome-view-content', { hasText: 'No git repository in this workspace' }).first();
    await welcome.waitFor({ timeout: 30_000 });
    assert.ok(await welcome.locator('a, .monaco-button', { hasText: 'Initialize Repository' }).first().isVisible(), 'offers to initialize one');
    await screenshot(page, SUITE, 'changes-no-repository');
  });
});
