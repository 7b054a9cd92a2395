import * as assert from 'assert';
import { setFrontMatterField } from '../../../src/core/timeline/frontMatter';
import { parseIncident } from '../../../src/core/timeline/parse';

const HAND_WRITTEN = [
  '---',
  '# edited by hand',
  "title:    'Checkout: 500s'   # aligned",
  'severity: SEV2',
  'status:   investigating # update when mitigated',
  'started:  "2026-11-23T14:02:11Z"',
  'services:',
  '  - checkout',
  '  - orders',
  'owner: { team: payments }',
  '---',
  '',
  '## Timeline',
  '',
].join('\n');

describe('setFrontMatterField', () => {
  it('changes only the value, keeping comments, alignment, quoting and key order', () => {
    const result = setFrontMatterField(HAND_WRITTEN, 'status', 'mitigated');
    assert.strictEqual(result, HAND_WRITTEN.replace('status:   investigating #', 'status:   mitigated #'));
    assert.strictEqual(parseIncident(result).meta.status, 'mitigated');
  });

  it('adds a missing field after the one it belongs with', () => {
    const result = setFrontMatterField(HAND_WRITTEN, 'resolved', '2026-11-23T15:00:00Z');
    assert.strictEqual(
      result,
      HAND_WRITTEN.replace('started:  "2026-11-23T14:02:11Z"\n', 'started:  "2026-11-23T14:02:11Z"\nresolved: 2026-11-23T15:00:00Z\n'),
    );
    const other = setFrontMatterField(HAND_WRITTEN, 'zone', 'eu-1');
    assert.strictEqual(other, HAND_WRITTEN.replace("owner: { team: payments }\n", "owner: { team: payments }\nzone: eu-1\n"));
  });

  it('fills an empty field, clears a field, and quotes when YAML needs it', () => {
    const base = '---\ntitle: t\nresolved:\nstatus: investigating\n---\n';
    const filled = setFrontMatterField(base, 'resolved', '2026-11-23T15:00:00Z');
    assert.strictEqual(filled, '---\ntitle: t\nresolved: 2026-11-23T15:00:00Z\nstatus: investigating\n---\n');
    assert.strictEqual(setFrontMatterField(filled, 'resolved', null), base);
    assert.strictEqual(setFrontMatterField(base, 'title', 'a: b # c'), '---\ntitle: "a: b # c"\nresolved:\nstatus: investigating\n---\n');
  });

  it('replaces a block list with a flow list', () => {
    const result = setFrontMatterField(HAND_WRITTEN, 'services', ['checkout', 'edge, eu']);
    assert.ok(result.includes('services: [checkout, "edge, eu"]\nowner:'));
    assert.deepStrictEqual(parseIncident(result).meta.services, ['checkout', 'edge, eu']);
  });

  it('keeps CRLF and the BOM', () => {
    const text = `\uFEFF${HAND_WRITTEN.replace(/\n/g, '\r\n')}`;
    const result = setFrontMatterField(setFrontMatterField(text, 'status', 'resolved'), 'resolved', '2026-11-23T15:00:00Z');
    assert.ok(result.startsWith('\uFEFF---\r\n'));
    assert.strictEqual(result.replace(/\r\n/g, '').includes('\n'), false);
    assert.ok(result.includes('\r\nresolved: 2026-11-23T15:00:00Z\r\n'));
    const parsed = parseIncident(result);
    assert.strictEqual(parsed.meta.status, 'resolved');
    assert.strictEqual(parsed.meta.resolved, '2026-11-23T15:00:00Z');
  });

  it('refuses to touch a front matter block it cannot parse', () => {
    assert.throws(() => setFrontMatterField('---\ntitle: x\n## Timeline\n', 'status', 'resolved'), /no complete front matter/);
    assert.throws(() => setFrontMatterField('# no front matter\n', 'status', 'resolved'), /no complete front matter/);
    assert.throws(() => setFrontMatterField('---\ntitle: [x\n---\n', 'status', 'resolved'), /not valid YAML/);
    assert.throws(() => setFrontMatterField('---\n{title: x}\n---\n', 'status', 'resolved'), /not a list of/);
    assert.throws(() => setFrontMatterField('---\n- a\n---\n', 'status', 'resolved'), /not a list of/);
    assert.throws(() => setFrontMatterField(HAND_WRITTEN, 'status', 'two\nlines'), /single lines/);
    assert.throws(() => setFrontMatterField(HAND_WRITTEN, 'bad key', 'x'), /not a front matter field name/);
  });

  it('adds a field to an empty front matter block', () => {
    assert.strictEqual(setFrontMatterField('---\n---\nbody\n', 'status', 'resolved'), '---\nstatus: resolved\n---\nbody\n');
  });
});
