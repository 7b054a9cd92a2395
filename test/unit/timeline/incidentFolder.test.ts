import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { errorsWindowFor, logsWindowFor } from '../../../src/core/correlate/windows';
import { createIncidentFile } from '../../../src/core/timeline/create';
import { pickOpenIncident, readIncidentFolder, resolveIncidentsFolder, writeNewIncidentFile } from '../../../src/core/timeline/incidentFolder';
import { applyStatusChange } from '../../../src/core/timeline/status';
import { parseIncident } from '../../../src/core/timeline/parse';

const H = 3_600_000;
const file = (title: string, started: string): string => createIncidentFile({ title, severity: 'SEV2', services: [], commander: 'Ana', started });

describe('incidents folder (shared by the extension and the command line)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-folder-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('resolves the folder inside the workspace only', () => {
    assert.deepEqual(resolveIncidentsFolder('/ws', 'ops/incidents'), { folder: path.resolve('/ws/ops/incidents') });
    const outside = resolveIncidentsFolder('/ws', '../elsewhere');
    assert.equal(outside.folder, path.join('/ws', 'incidents'));
    assert.match(outside.warning ?? '', /outside the workspace/);
  });

  it('lists incident files newest first, skipping postmortems, READMEs and hidden files; an absent folder has none', async () => {
    assert.deepEqual(await readIncidentFolder(path.join(dir, 'missing')), []);
    fs.writeFileSync(path.join(dir, '2026-11-20-old.md'), file('Old', '2026-11-20T10:00:00Z'));
    fs.writeFileSync(path.join(dir, '2026-11-23-new.md'), file('New', '2026-11-23T10:00:00Z'));
    fs.writeFileSync(path.join(dir, '2026-11-23-new.postmortem.md'), '# Postmortem');
    fs.writeFileSync(path.join(dir, 'README.md'), '# Incidents');
    fs.writeFileSync(path.join(dir, '.2026-11-23-new.md.lock'), '{}');
    assert.deepEqual((await readIncidentFolder(dir)).map((f) => f.name), ['2026-11-23-new.md', '2026-11-20-old.md']);
  });

  it('picks the single open incident, else the newest open one with a note, else none', () => {
    const mk = (name: string, started: string, resolved = false) => {
      let text = file(name, started);
      if (resolved) text = applyStatusChange(text, { status: 'resolved', previous: 'investigating', author: 'Ana', now: Date.parse(started) + H });
      return { name, parsed: parseIncident(text) };
    };
    const a = mk('a.md', '2026-11-20T10:00:00Z');
    const b = mk('b.md', '2026-11-23T10:00:00Z');
    const done = mk('c.md', '2026-11-24T10:00:00Z', true);
    assert.deepEqual(pickOpenIncident([done, a]), { file: a });
    const both = pickOpenIncident([a, b, done]);
    assert.equal(both.file, b);
    assert.match(both.note ?? '', /2 incidents are open; using the newest, b\.md/);
    assert.deepEqual(pickOpenIncident([done]), {});
  });

  it('creates a new file without ever replacing one', async () => {
    const first = await writeNewIncidentFile(path.join(dir, 'nested'), '2026-11-23-x.md', 'one');
    const second = await writeNewIncidentFile(path.join(dir, 'nested'), '2026-11-23-x.md', 'two');
    assert.equal(path.basename(first), '2026-11-23-x.md');
    assert.equal(path.basename(second), '2026-11-23-x-2.md');
    assert.equal(fs.readFileSync(first, 'utf8'), 'one');
  });

  it('status changes set the front matter and append a status entry', () => {
    const text = applyStatusChange(file('X', '2026-11-23T10:00:00Z'), { status: 'resolved', previous: 'investigating', author: 'Ana', now: Date.parse('2026-11-23T12:00:00Z') });
    const parsed = parseIncident(text);
    assert.equal(parsed.meta.status, 'resolved');
    assert.equal(parsed.meta.resolved, '2026-11-23T12:00:00Z');
    assert.deepEqual(parsed.entries.map((e) => [e.kind, e.text]), [['status', 'Status: investigating → resolved']]);
  });
});

describe('incident windows', () => {
  const start = Date.parse('2026-11-23T14:00:00Z');
  it('errors: an hour before until resolved or now; logs: two hours before (as the overview) until resolved or now', () => {
    assert.deepEqual(errorsWindowFor({ start }, start + H), { start: start - H, end: start + H, label: 'the incident so far' });
    assert.deepEqual(errorsWindowFor({ start, end: start + 2 * H }, start + 5 * H), { start: start - H, end: start + 2 * H, label: 'the incident' });
    assert.deepEqual(logsWindowFor({ start, end: start + 1000 }, '2026-11-23-x.md', start + 5 * H), { start: start - 2 * H, end: start + 60_000, label: 'incident 2026-11-23-x (from 2 h before)' });
    assert.deepEqual(logsWindowFor({ start }, 'y.md', start + H).end, start + H);
  });
});
