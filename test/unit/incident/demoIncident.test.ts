import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseIncident } from '../../../src/core/timeline/parse';
import { serializeIncident } from '../../../src/core/timeline/append';

const SCRIPT = path.resolve(__dirname, '../../../../scripts/demo-incident.mjs');
// A real dynamic import: this project compiles to CommonJS, where `import()` would become require().
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<{ writeDemoIncident(dir: string, now: number): string }>;

describe('the demo incident', () => {
  it('is a half-written incident that reads back without problems', async () => {
    const { writeDemoIncident } = await importModule(pathToFileURL(SCRIPT).href);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-demo-incident-'));
    try {
      const now = Date.parse('2026-11-23T15:00:00Z');
      const rel = writeDemoIncident(dir, now);
      assert.equal(rel, 'incidents/2026-11-23-checkout-returns-500-for-new-orders.md');
      const text = fs.readFileSync(path.join(dir, rel), 'utf8');
      const parsed = parseIncident(text);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.meta.status, 'investigating');
      assert.equal(parsed.meta.started, '2026-11-23T14:38:00Z');
      assert.deepEqual(parsed.hypotheses.map((h) => [h.id, h.state]), [['H1', 'refuted'], ['H2', 'open']]);
      assert.equal(parsed.entries.length, 7);
      assert.ok(parsed.entries.every((e) => e.canonical), 'written exactly as the extension writes');
      assert.equal(serializeIncident(text), text);
      assert.throws(() => writeDemoIncident(dir, now), /EEXIST/, 'never replaces a file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
