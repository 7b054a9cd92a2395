import * as assert from 'assert';
import type { IncidentRunbookInput } from '../../../src/core/model/runbooks';
import { guessLeverKind, renderRunbookFromIncident, runbookFileName } from '../../../src/core/runbooks/fromIncident';
import { matchRunbooks } from '../../../src/core/runbooks/match';
import { parseRunbook } from '../../../src/core/runbooks/parse';

const input: IncidentRunbookInput = {
  title: 'Orders fail with null partition key',
  services: ['orders-api'],
  severity: 'SEV2',
  confirmedHypotheses: ['The writer deployed at 10:02 stopped setting partition_key'],
  logSignatures: ['null value in column "partition_key" of relation "orders" violates not-null constraint'],
  errorTitles: ['IntegrityError: null value in column "partition_key"'],
  actions: [
    { text: 'Rolled back the writer', command: 'kubectl -n prod rollout undo deploy/orders-writer', exitCode: 0 },
    { text: 'Restarted pods', command: 'kubectl -n prod rollout restart deploy/orders-api', exitCode: 1 },
    { text: 'Checked the dashboard' },
  ],
  incidentPath: 'incidents/2026-11-23-orders.md',
};

describe('renderRunbookFromIncident', () => {
  it('drafts a runbook that parses cleanly and would be suggested for the same incident', () => {
    const text = renderRunbookFromIncident(input);
    const rb = parseRunbook('runbooks/x.md', text);
    assert.deepStrictEqual(rb.diagnostics, []);
    assert.strictEqual(rb.title, input.title);
    assert.deepStrictEqual(rb.services, ['orders-api']);
    assert.strictEqual(rb.severity, 'SEV2');
    assert.deepStrictEqual(
      rb.steps.map((s) => [s.command, s.lever?.kind]),
      [['kubectl -n prod rollout undo deploy/orders-writer', 'rollback']],
    );
    assert.match(text, /## Tried, did not help[\s\S]*rollout restart[\s\S]*exit code 1/);
    assert.match(text, /The writer deployed at 10:02 stopped setting partition_key/);
    const [s] = matchRunbooks([rb], { logSignatures: input.logSignatures, errorTitles: input.errorTitles });
    assert.ok(s);
    assert.deepStrictEqual(s.reasons.map((r) => r.kind).sort(), ['error', 'log']);
  });

  it('keeps hostile text inert: no new headings, fences or HTML, and commands cannot close their fence', () => {
    const text = renderRunbookFromIncident({
      ...input,
      title: '# Title <script>alert(1)</script>',
      confirmedHypotheses: ['line one\n# injected heading\n```bash\nrm -rf /\n```'],
      actions: [{ text: 'weird', command: 'echo ```\nrm -rf /', exitCode: 0 }],
    });
    const rb = parseRunbook('runbooks/x.md', text);
    // The title is YAML data in the front matter; the markdown body has no live HTML.
    const body = text.slice(text.indexOf('\n---\n') + 5);
    assert.ok(!body.includes('<script>'), body);
    assert.ok(!rb.headings.some((h) => h.text.includes('injected')));
    assert.deepStrictEqual(
      rb.steps.map((s) => s.command),
      ['echo ```\nrm -rf /'],
    );
  });

  it('redacts secrets from commands', () => {
    const text = renderRunbookFromIncident({ ...input, actions: [{ text: 'call', command: 'curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456" https://x', exitCode: 0 }] });
    assert.ok(!text.includes('abcdefghijklmnopqrstuvwxyz123456'), text);
  });

  it('names the file after the title and guesses lever kinds', () => {
    assert.strictEqual(runbookFileName('Orders: fail with NULL key!'), 'orders-fail-with-null-key.md');
    assert.strictEqual(runbookFileName('!!!'), 'runbook.md');
    assert.strictEqual(guessLeverKind('helm rollback api 3'), 'rollback');
    assert.strictEqual(guessLeverKind('kubectl scale deploy/x --replicas=2'), 'scale');
    assert.strictEqual(guessLeverKind('kubectl get pods'), undefined);
  });
});
