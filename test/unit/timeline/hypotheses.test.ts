import * as assert from 'assert';
import type { NewTimelineEntry } from '../../../src/core/model/incident';
import { appendEntry } from '../../../src/core/timeline/append';
import { createIncidentFile } from '../../../src/core/timeline/create';
import { nextHypothesisId } from '../../../src/core/timeline/hypotheses';
import { parseIncident } from '../../../src/core/timeline/parse';

let minute = 0;
function entry(kind: NewTimelineEntry['kind'], text: string, hypothesis?: string): NewTimelineEntry {
  minute++;
  const at = `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;
  return hypothesis ? { at, kind, author: 'Ana', text, hypothesis } : { at, kind, author: 'Ana', text };
}

function file(...entries: NewTimelineEntry[]): string {
  minute = 0;
  let text = createIncidentFile({ title: 'H', severity: 'SEV3', services: [], commander: 'Ana', started: '2026-03-01T10:00:00Z' });
  for (const e of entries) text = appendEntry(text, e);
  return text;
}

describe('hypotheses', () => {
  it('get ids H1, H2, … in order and start open', () => {
    const parsed = parseIncident(file(entry('hypothesis', 'one'), entry('hypothesis', 'two')));
    assert.deepStrictEqual(parsed.hypotheses.map((h) => [h.id, h.state, h.text]), [
      ['H1', 'open', 'one'],
      ['H2', 'open', 'two'],
    ]);
    assert.strictEqual(nextHypothesisId(parsed), 'H3');
    assert.strictEqual(nextHypothesisId(parseIncident('')), 'H1');
  });

  it('become refuted or confirmed with the reason and the time', () => {
    const parsed = parseIncident(
      file(
        entry('hypothesis', 'deploy'),
        entry('hypothesis', 'database'),
        entry('refute', 'rollback did not help', 'H1'),
        entry('confirm', 'pool at 100 %', 'H2'),
      ),
    );
    const [h1, h2] = parsed.hypotheses;
    assert.strictEqual(h1!.state, 'refuted');
    assert.strictEqual(h1!.verdict?.reason, 'rollback did not help');
    assert.strictEqual(h1!.verdict?.at, '2026-03-01T10:03:00Z');
    assert.strictEqual(h2!.state, 'confirmed');
    assert.strictEqual(h2!.verdict?.reason, 'pool at 100 %');
    assert.deepStrictEqual(parsed.problems, []);
  });

  it('let the latest verdict win after a reversal, keeping history and noting it', () => {
    const parsed = parseIncident(
      file(entry('hypothesis', 'cache'), entry('refute', 'hit rate fine', 'H1'), entry('confirm', 'hit rate was sampled wrong', 'H1')),
    );
    const h1 = parsed.hypotheses[0]!;
    assert.strictEqual(h1.state, 'confirmed');
    assert.deepStrictEqual(h1.verdicts.map((v) => v.state), ['refuted', 'confirmed']);
    assert.deepStrictEqual(parsed.problems.map((p) => [p.line, p.severity]), [[17, 'info']]);
  });

  it('collect related entries as evidence', () => {
    const parsed = parseIncident(file(entry('hypothesis', 'cache'), entry('evidence', 'graph', 'H1'), entry('note', 'unrelated')));
    assert.deepStrictEqual(parsed.hypotheses[0]!.related, [1]);
  });

  it('never reuse an id, even after a hypothesis line was deleted or damaged by hand', () => {
    const text = file(entry('hypothesis', 'a'), entry('hypothesis', 'b'), entry('hypothesis', 'c'));
    const withoutH2 = text.replace(/^.*hypothesis H2.*\n/m, '');
    assert.strictEqual(nextHypothesisId(parseIncident(withoutH2)), 'H4');
    const damagedH3 = text.replace('· hypothesis H3 ·', 'hypothesis H3 ·');
    assert.strictEqual(nextHypothesisId(parseIncident(damagedH3)), 'H4');
  });
});
