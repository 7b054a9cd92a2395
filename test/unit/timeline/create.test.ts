import * as assert from 'assert';
import { createIncidentFile, incidentFileName, slugify } from '../../../src/core/timeline/create';
import { parseIncident } from '../../../src/core/timeline/parse';

describe('createIncidentFile', () => {
  it('writes front matter, title and an empty timeline that parse without problems', () => {
    const text = createIncidentFile({
      title: 'Checkout: 500 on "pay"',
      severity: 'SEV1',
      services: ['checkout', 'eu, west'],
      commander: 'Ana Núñez',
      started: Date.UTC(2026, 10, 23, 14, 2, 11, 999),
    });
    const parsed = parseIncident(text);
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.meta, {
      title: 'Checkout: 500 on "pay"',
      severity: 'SEV1',
      status: 'investigating',
      commander: 'Ana Núñez',
      started: '2026-11-23T14:02:11Z',
      services: ['checkout', 'eu, west'],
    });
    assert.ok(text.includes('\n# Checkout: 500 on "pay"\n\n## Timeline\n'));
    assert.deepStrictEqual(parsed.timelineHeadings, [13]);
  });

  it('refuses a missing title, a bad severity or a bad start time', () => {
    const base = { title: 't', severity: 'SEV2' as const, services: [], commander: 'c', started: '2026-01-01T00:00:00Z' };
    assert.throws(() => createIncidentFile({ ...base, title: '  ' }), /title/);
    assert.throws(() => createIncidentFile({ ...base, severity: 'SEV9' as 'SEV1' }), /Severity/);
    assert.throws(() => createIncidentFile({ ...base, started: '2026-01-01' }), /UTC ISO-8601/);
  });

  it('can write CRLF files', () => {
    const text = createIncidentFile({ title: 't', severity: 'SEV2', services: [], commander: 'c', started: '2026-01-01T00:00:00Z' }, '\r\n');
    assert.strictEqual(text.replace(/\r\n/g, '').includes('\n'), false);
    assert.strictEqual(parseIncident(text).eol, '\r\n');
  });
});

describe('incidentFileName', () => {
  it('is the UTC date and a slug', () => {
    assert.strictEqual(incidentFileName('2026-11-23T23:59:00-02:00', 'Checkout returns 500!'), '2026-11-24-checkout-returns-500.md');
    assert.strictEqual(incidentFileName(new Date(Date.UTC(2026, 0, 5)), 'Über-Störung: Straße'), '2026-01-05-uber-storung-strasse.md');
  });

  it('falls back to "incident" and bounds the length', () => {
    assert.strictEqual(slugify('日本語のタイトル'), 'incident');
    assert.strictEqual(slugify('  --  '), 'incident');
    const long = slugify('word '.repeat(40));
    assert.ok(long.length <= 60 && !long.endsWith('-') && long.startsWith('word-word'), long);
    assert.ok(slugify('x'.repeat(100)).length === 60);
    assert.throws(() => incidentFileName('not a date', 't'), /not a date/);
  });
});
