import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { appendEntry } from '../../../src/core/timeline/append';
import { findBlamingPhrases } from '../../../src/core/timeline/blame';
import { setFrontMatterField } from '../../../src/core/timeline/frontMatter';
import { parseIncident } from '../../../src/core/timeline/parse';
import { formatDuration, formatOffset, renderPostmortem } from '../../../src/core/timeline/postmortem';

const FIXTURES = join(__dirname, '../../../../test/unit/fixtures/timeline');
const canonical = readFileSync(join(FIXTURES, 'canonical.md'), 'utf8');

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `missing section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('renderPostmortem', () => {
  const resolved = setFrontMatterField(setFrontMatterField(canonical, 'status', 'resolved'), 'resolved', '2026-11-23T15:25:11Z');
  const markdown = renderPostmortem(parseIncident(resolved), new Date('2026-11-24T09:00:00Z'));

  it('has every section of a blameless postmortem', () => {
    assert.ok(markdown.startsWith('# Postmortem: Checkout returns 500: partition key\n'));
    for (const heading of [
      'Summary',
      'Impact and duration',
      'Detection',
      'Timeline (UTC)',
      'Hypotheses',
      'Contributing factors',
      'What went well',
      'What went wrong',
      'Where we got lucky',
      'Follow-ups',
    ]) {
      section(markdown, heading);
    }
    assert.match(markdown, /Blameless/);
  });

  it('states duration, detection and mitigation with offsets from the start', () => {
    assert.ok(markdown.includes('- **Duration:** 1 h 23 min\n'));
    const impact = section(markdown, 'Impact and duration');
    assert.ok(impact.includes('- First observation: 14:02:11 (+00:00)'));
    assert.ok(impact.includes('- Mitigated: 14:17:00 (+00:14)'));
    assert.ok(impact.includes('- Resolved: 15:25:11 (+01:23)'));
    const detection = section(markdown, 'Detection');
    assert.ok(detection.includes('First noticed at 14:02:11 (+00:00) by Dana Ops:\n\n> Error rate on /checkout is 40 %'));
  });

  it('lists the timeline in UTC with offsets, keeping multi-line text inside its item', () => {
    const timeline = section(markdown, 'Timeline (UTC)');
    assert.ok(timeline.includes('- **14:05:40** (+00:03) · hypothesis H1 · Dana Ops — The 14:00 deploy broke the partition key'));
    assert.ok(timeline.includes('- **14:26:00** (+00:23) · followup · Dana Ops — Alert on 5xx rate per endpoint, not only globally'));
    assert.ok(timeline.includes('- **14:20:00** (+00:17) · note · Dana Ops — | table | cells |\n  |---|---|\n'));
    assert.ok(timeline.includes('  - src/api/checkout.ts:42'));
  });

  it('gives each hypothesis its outcome and evidence, and confirmed ones as contributing factors', () => {
    const hypotheses = section(markdown, 'Hypotheses');
    assert.ok(hypotheses.includes('- **H1** (confirmed): The 14:00 deploy broke the partition key'));
    assert.ok(hypotheses.includes('  - Evidence at 14:06:02 (+00:03): Deploy diff touches the key builder:'));
    assert.ok(hypotheses.includes('  - Confirmed at 14:16:45 (+00:14) by Dana Ops: Error rate back to 0.1 % two minutes after the rollback'));
    assert.ok(hypotheses.includes('- **H2** (refuted): Orders DB is out of connections · pool at 100 %'));
    const factors = section(markdown, 'Contributing factors');
    assert.ok(factors.includes('- H1: The 14:00 deploy broke the partition key — confirmed: Error rate back to 0.1 %'));
    assert.ok(!factors.includes('H2'));
  });

  it('turns follow-ups into a checklist', () => {
    const followups = section(markdown, 'Follow-ups');
    assert.ok(followups.includes('- [ ] Add a contract test for the partition key format (raised by Sam Lee, 2026-11-23 14:25:00 UTC)'));
    assert.ok(followups.includes('- [ ] Alert on 5xx rate per endpoint, not only globally'));
  });

  it('uses no blaming wording of its own', () => {
    assert.deepStrictEqual(findBlamingPhrases(markdown), []);
  });

  it('measures an unresolved incident up to now and lists open hypotheses as follow-ups', () => {
    let text = canonical;
    text = appendEntry(text, { at: '2026-11-24T16:00:00Z', kind: 'hypothesis', author: 'Ana', text: 'Retry storm' });
    const md = renderPostmortem(parseIncident(text), Date.UTC(2026, 10, 24, 16, 30, 0));
    assert.ok(md.includes('- **Resolved:** not yet (as of 2026-11-24 16:30:00 UTC)'));
    assert.ok(md.includes('- **Duration:** 1 d 2 h so far'));
    // Entries span two days, so times carry the date.
    assert.ok(md.includes('- **2026-11-24 16:00:00 UTC** (+25:57) · hypothesis H3 · Ana — Retry storm'));
    assert.ok(md.includes('- [ ] Settle open hypothesis H3: Retry storm'));
  });

  it('works for an empty, damaged file', () => {
    const md = renderPostmortem(parseIncident('garbage\n'), 0);
    assert.ok(md.includes('# Postmortem: Untitled incident'));
    assert.ok(md.includes('problem(s)'));
    assert.ok(md.includes('No entries were written down.'));
  });

  it('formats offsets and durations', () => {
    assert.strictEqual(formatOffset(12 * 60_000 + 59_000), '+00:12');
    assert.strictEqual(formatOffset(26 * 3600_000 + 5 * 60_000), '+26:05');
    assert.strictEqual(formatOffset(-3 * 60_000), '-00:03');
    assert.strictEqual(formatDuration(30_000), 'under a minute');
    assert.strictEqual(formatDuration(45 * 60_000), '45 min');
    assert.strictEqual(formatDuration(2 * 3600_000), '2 h');
    assert.strictEqual(formatDuration(49 * 3600_000), '2 d 1 h');
  });
});
