import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendEntryToFile } from '../../src/core/timeline/fileAppend';
import { editIncidentFile } from '../../src/core/timeline/fileEdit';
import { parseIncident } from '../../src/core/timeline/parse';
import { GitFixture } from '../unit/helpers/gitFixture';
import { json, runCli } from './runCli';

const CLI_PROCESSES = 8;
const CLI_ENTRIES_EACH = 4;
const EXTENSION_ENTRIES = 40;

/**
 * The extension writes an incident file through appendEntryToFile (src/host/incident/incidentWriter.ts
 * does, when the file has no unsaved editor) and editIncidentFile: run here in-process, at the
 * same time as many command line processes append to the same file.
 */
describe('cli: appending while the extension appends to the same file', function () {
  this.timeout(180_000);
  let repo: GitFixture;

  before(() => {
    repo = new GitFixture('idesk-cli-concurrent-');
    repo.git('config', 'user.name', 'Dana Ops');
    repo.commit(Date.now() - 60_000, 'initial', { 'README.md': 'x\n' });
  });

  after(() => fs.rmSync(repo.root, { recursive: true, force: true }));

  it(`keeps every entry of ${CLI_PROCESSES} CLI processes and the extension's own appends exactly once`, async () => {
    const started = await runCli(['start', 'Concurrent writers', '--sev', '3', '--json'], { cwd: repo.root });
    assert.equal(started.code, 0, started.stderr);
    const file = json<{ file: string }>(started).file;

    const cli = async (p: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let n = 0; n < CLI_ENTRIES_EACH; n++) {
        const kind = n % 2 === 0 ? 'hypothesis' : 'observation';
        const r = await runCli(['log', kind, `cli ${p} entry ${n}`, '--json'], { cwd: repo.root, timeoutMs: 120_000 });
        assert.equal(r.code, 0, `cli ${p}/${n}: ${r.stderr}`);
        const entry = json<{ entry: { hypothesis?: string } }>(r).entry;
        if (entry.hypothesis) ids.push(entry.hypothesis);
      }
      return ids;
    };
    const extension = async (): Promise<string[]> => {
      const ids: string[] = [];
      for (let n = 0; n < EXTENSION_ENTRIES; n++) {
        const r = await appendEntryToFile(file, { kind: n % 5 === 0 ? 'hypothesis' : 'note', author: 'Editor', text: `extension entry ${n}` }, { timeoutMs: 60_000 });
        if (r.entry.hypothesis) ids.push(r.entry.hypothesis);
        // A whole-file edit under the same lock now and then, as a status change does.
        if (n === EXTENSION_ENTRIES / 2) await editIncidentFile(file, (text) => text.replace('status: investigating', 'status: mitigated'));
        await new Promise((r2) => setTimeout(r2, 5));
      }
      return ids;
    };

    const results = await Promise.all([extension(), ...Array.from({ length: CLI_PROCESSES }, (_, p) => cli(p))]);
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseIncident(text);
    assert.deepEqual(parsed.problems.filter((p) => p.severity !== 'info'), [], 'the file is still well-formed');
    assert.equal(parsed.meta.status, 'mitigated', 'the whole-file edit was not lost either');

    const texts = parsed.entries.map((e) => e.text);
    const expected = [
      ...Array.from({ length: EXTENSION_ENTRIES }, (_, n) => `extension entry ${n}`),
      ...Array.from({ length: CLI_PROCESSES }, (_, p) => Array.from({ length: CLI_ENTRIES_EACH }, (_, n) => `cli ${p} entry ${n}`)).flat(),
    ];
    assert.equal(texts.length, expected.length);
    assert.deepEqual([...texts].sort(), [...expected].sort(), 'every entry exactly once');

    const ids = results.flat();
    assert.equal(new Set(ids).size, ids.length, 'no hypothesis id given twice');
    assert.deepEqual(parsed.hypotheses.map((h) => h.id).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))), ids.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith('.')), [], 'no lock or temporary file left behind');
  });
});
