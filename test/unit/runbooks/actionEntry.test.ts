import * as assert from 'assert';
import { formatStepRun, lastOutputLines, readStepRun } from '../../../src/core/runbooks/actionEntry';
import { parseIncident } from '../../../src/core/timeline/parse';
import { appendEntry } from '../../../src/core/timeline/append';
import { createIncidentFile } from '../../../src/core/timeline/create';

describe('step run entries', () => {
  it('cleans terminal output: escapes, carriage-return redraws, secrets, last lines only', () => {
    const out = '\x1b[32mok\x1b[0m\nprogress 10%\rprogress 100%\n\x1b]633;D;0\x07\ntoken=abc Authorization: Bearer abcdefghijklmnop\n' + Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const lines = lastOutputLines(out, 30);
    assert.deepStrictEqual(lines.slice(0, 3), ['ok', 'progress 100%', 'token=abc Authorization: Bearer [redacted]']);
    assert.strictEqual(lastOutputLines(out).length, 12);
    assert.strictEqual(lastOutputLines(out).pop(), 'line 19');
  });

  it('formats an action entry that survives the timeline and reads back', () => {
    const text = formatStepRun({
      runbookTitle: 'Database writes fail',
      runbookPath: 'runbooks/db.md',
      stepId: 'rollback-writer',
      lever: 'rollback',
      command: 'kubectl -n prod rollout undo deploy/orders-writer',
      exitCode: 0,
      durationMs: 1234,
      output: 'deployment.apps/orders-writer rolled back\n',
    });
    assert.match(text, /^Pulled lever `rollback` \(step `rollback-writer`\) of runbook “Database writes fail”: exit code 0 in 1\.2 s\n/);
    const created = createIncidentFile({ title: 'T', severity: 'SEV2', services: [], commander: 'C', started: '2026-01-01T00:00:00Z' });
    const file = appendEntry(created, { at: '2026-01-01T00:01:00Z', kind: 'action', author: 'A', text, links: ['runbooks/db.md:12'] });
    const parsed = parseIncident(file);
    const entry = parsed.entries.find((e) => e.kind === 'action')!;
    assert.strictEqual(entry.text, text);
    assert.deepStrictEqual(readStepRun(entry.text), {
      text: 'Pulled lever `rollback` (step `rollback-writer`) of runbook “Database writes fail”',
      command: 'kubectl -n prod rollout undo deploy/orders-writer',
      exitCode: 0,
    });
  });

  it('says when output could not be captured and the exit code is unknown', () => {
    const text = formatStepRun({ runbookTitle: 'R', runbookPath: 'r.md', stepId: 's', command: 'echo ```', note: 'Output could not be captured: this terminal has no shell integration.' });
    assert.match(text, /exit code unknown/);
    assert.match(text, /Output could not be captured/);
    assert.match(text, /````sh\necho ```\n````/);
    assert.deepStrictEqual(readStepRun(text), { text: 'Ran step `s` of runbook “R”', command: 'echo ```' });
    assert.strictEqual(readStepRun('Restarted by hand'), undefined);
  });
});
