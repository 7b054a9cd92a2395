import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { IncidentMeta, ParsedEntry } from '../../../src/core/model/incident';
import {
  commitMessage,
  diffSpan,
  entryDescription,
  entryLabel,
  formatElapsed,
  incidentDescription,
  inertText,
  isIncidentFileName,
  isMissingIdentity,
  notificationText,
  normalizeLink,
  numberedFileName,
  parseServices,
  postmortemPathFor,
  selectionLink,
  serviceSuggestions,
  statusBarText,
} from '../../../src/core/timeline/incidentText';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const meta = (over: Partial<IncidentMeta> = {}): IncidentMeta => ({
  title: 'Checkout returns 500',
  severity: 'SEV2',
  status: 'investigating',
  commander: 'Dana Ops',
  started: '2026-11-23T14:18:00Z',
  services: ['checkout-service'],
  ...over,
});

function entry(over: Partial<ParsedEntry>): ParsedEntry {
  return { at: '2026-11-23T14:50:00Z', time: Date.parse('2026-11-23T14:50:00Z'), kind: 'note', author: 'Dana Ops', text: 'x', links: [], startLine: 1, endLine: 1, canonical: true, ...over };
}

describe('incident text helpers', () => {
  it('formats elapsed time compactly', () => {
    assert.equal(formatElapsed(0), '0m');
    assert.equal(formatElapsed(42 * 60_000 + 59_000), '42m');
    assert.equal(formatElapsed(3 * 3_600_000 + 5 * 60_000), '3h 05m');
    assert.equal(formatElapsed(50 * 3_600_000), '2d 2h');
    assert.equal(formatElapsed(-5), '0m');
  });

  it('writes the status bar text with elapsed time, or resolved', () => {
    assert.equal(statusBarText(meta(), 'x.md', NOW), '$(flame) SEV2 · Checkout returns 500 · 42m');
    assert.equal(statusBarText(meta({ status: 'mitigated' }), 'x.md', NOW), '$(shield) SEV2 · Checkout returns 500 · 42m');
    assert.equal(statusBarText(meta({ status: 'resolved' }), 'x.md', NOW), '$(pass) SEV2 · Checkout returns 500 · resolved');
    assert.equal(statusBarText({ services: [] }, '2026-11-23-x.md', NOW), '$(flame) 2026-11-23-x · investigating');
  });

  it('keeps hostile titles inert: no icons, no line breaks, shortened', () => {
    const text = statusBarText(meta({ title: '$(bug) evil\ntitle <img src=x onerror=alert(1)> and more text' }), 'x.md', NOW);
    assert.ok(!text.slice('$(flame)'.length).includes('$('), text);
    assert.ok(!text.includes('\n'));
    assert.match(text, /…/);
    assert.equal(inertText('a\u202eb'), 'a\ufffdb');
    assert.ok(!/\]\(/.test(notificationText('Postmortem: [run](command:workbench.action.terminal.new)')), 'no links in notifications');
  });

  it('describes an incident for lists', () => {
    assert.equal(incidentDescription(meta(), NOW), 'SEV2 · investigating · 42 min ago');
    assert.equal(incidentDescription({ services: [] }, NOW), 'no severity · investigating');
  });

  it('tells incident files from postmortems and hidden files', () => {
    assert.ok(isIncidentFileName('2026-11-23-checkout.md'));
    assert.ok(!isIncidentFileName('2026-11-23-checkout.postmortem.md'));
    assert.ok(!isIncidentFileName('.2026-11-23-checkout.md.lock'));
    assert.ok(!isIncidentFileName('.x.md'));
    assert.ok(!isIncidentFileName('notes.txt'));
    assert.ok(!isIncidentFileName('README.md'));
    assert.equal(postmortemPathFor('/w/incidents/2026-11-23-x.md'), '/w/incidents/2026-11-23-x.postmortem.md');
  });

  it('numbers file names so nothing is overwritten', () => {
    assert.equal(numberedFileName('2026-11-23-x.md', 1), '2026-11-23-x.md');
    assert.equal(numberedFileName('2026-11-23-x.md', 2), '2026-11-23-x-2.md');
    assert.equal(numberedFileName('2026-11-23-x.md', 10), '2026-11-23-x-10.md');
  });

  it('reads services and suggests the most frequent earlier ones', () => {
    assert.deepEqual(parseServices(' checkout ,payments  api,, Checkout '), ['checkout', 'payments api']);
    assert.deepEqual(parseServices(''), []);
    const earlier = [meta({ services: ['payments', 'checkout'] }), meta({ services: ['checkout'] }), meta({ services: ['auth', 'checkout', 'checkout'] })];
    assert.deepEqual(serviceSuggestions(earlier), ['checkout', 'auth', 'payments']);
  });

  it('writes a one-line commit message with severity and date', () => {
    assert.equal(commitMessage(meta(), 'x.md'), 'Postmortem: Checkout returns 500 (SEV2, 2026-11-23)');
    assert.equal(commitMessage(meta({ title: 'two\nlines', severity: undefined, started: undefined }), '2026-11-20-y.md'), 'Postmortem: two lines (2026-11-20)');
  });

  it('recognizes git refusing for lack of an identity', () => {
    assert.ok(isMissingIdentity('*** Please tell me who you are.\n\nRun\n\n  git config --global user.email'));
    assert.ok(isMissingIdentity('fatal: unable to auto-detect email address (got \'root@box.(none)\')'));
    assert.ok(!isMissingIdentity('error: pathspec did not match'));
  });

  it('links selections repository-relative and accepts pasted links without spaces', () => {
    assert.equal(selectionLink('/repo', path.join('/repo', 'src', 'a.ts'), 42), 'src/a.ts:42');
    assert.equal(selectionLink('/repo', '/elsewhere/a.ts', 1), undefined);
    assert.equal(normalizeLink('  https://example.com/x  '), 'https://example.com/x');
    assert.equal(normalizeLink('0123abc'), '0123abc');
    assert.equal(normalizeLink('two words'), undefined);
    assert.equal(normalizeLink('   '), undefined);
  });

  it('describes timeline entries with hypothesis ids and states', () => {
    const states = new Map([['H2', { state: 'open' as const }]]);
    assert.equal(entryDescription(entry({ kind: 'hypothesis', hypothesis: 'H2' }), states, NOW), 'H2 · open · Dana Ops · 10 min ago');
    assert.equal(entryDescription(entry({ kind: 'refute', hypothesis: 'H2' }), states, NOW), 'H2 refuted · Dana Ops · 10 min ago');
    assert.equal(entryDescription(entry({ kind: 'followup' }), states, NOW), 'follow-up · Dana Ops · 10 min ago');
    assert.equal(entryLabel(entry({ text: '\n  First line\nsecond' })), 'First line');
    assert.equal(entryLabel(entry({ kind: 'action', text: '' })), '(action)');
    assert.equal(entryLabel(entry({ text: 'Sentry issue `X-1`: column "partition\\_key" \\<b\\> C:\\Users \\\\' })), 'Sentry issue `X-1`: column "partition_key" <b> C:\\Users \\');
  });

  it('finds the smallest span that changed', () => {
    assert.deepEqual(diffSpan('status: investigating\nrest', 'status: resolved\nrest'), { start: 8, end: 21, insert: 'resolved' });
    assert.deepEqual(diffSpan('abc', 'abc'), { start: 3, end: 3, insert: '' });
    assert.deepEqual(diffSpan('aXa', 'aa'), { start: 1, end: 2, insert: '' });
    assert.deepEqual(diffSpan('', 'new'), { start: 0, end: 0, insert: 'new' });
  });
});
