import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { createRunbookMatcher, matchRunbooks, RULE_WEIGHTS, SERVICE_WEIGHT } from '../../../src/core/runbooks/match';
import { isRunbookFile, parseRunbook } from '../../../src/core/runbooks/parse';

const SHIPPED = join(__dirname, '../../../../runbooks');
const shipped = readdirSync(SHIPPED)
  .filter((f) => isRunbookFile(f))
  .map((f) => parseRunbook(`runbooks/${f}`, readFileSync(join(SHIPPED, f), 'utf8')));

const db = parseRunbook(
  'runbooks/db.md',
  [
    '---',
    'title: Database writes fail',
    'services: [orders]',
    'match:',
    '  logs:',
    "    - 'null value in column'",
    "    - 'partition_key'",
    '  errors:',
    "    - 'NotNullViolation'",
    "  files: ['**/migrations/**']",
    '---',
  ].join('\n'),
);
const plain = parseRunbook('runbooks/plain.md', '# Connection pool exhausted\n\n## Pool timeouts\n');

describe('matchRunbooks', () => {
  it('gives one reason per kind, with the first matched subject and how many more', () => {
    const [s] = matchRunbooks([db], {
      logSignatures: ['null value in column "partition_key" of relation "orders"', 'null value in column "region"', 'unrelated'],
      errorTitles: ['NotNullViolation: null value'],
      changedFiles: ['db/migrations/0042_partition.sql', 'src/app.ts'],
      services: ['Orders'],
    });
    assert.ok(s);
    assert.deepStrictEqual(
      s.reasons.map((r) => [r.kind, r.count]),
      [
        ['log', 2],
        ['error', 1],
        ['file', 1],
        ['service', 1],
      ],
    );
    const log = s.reasons[0]!;
    assert.strictEqual(log.text, 'matches log signature `null value in column "partition_key" of relation "orders"` (and 1 more log signature)');
    assert.strictEqual(log.pattern, 'null value in column');
    assert.strictEqual(s.reasons[2]!.text, 'changed file `db/migrations/0042_partition.sql` matches `**/migrations/**`');
    assert.strictEqual(s.reasons[3]!.text, 'service orders');
    assert.strictEqual(s.score, RULE_WEIGHTS.logs * 1.25 + RULE_WEIGHTS.errors + RULE_WEIGHTS.files + SERVICE_WEIGHT);
  });

  it('scores by distinct matched subjects, not by how many rules the runbook has', () => {
    const oneSubject = { logSignatures: ['null value in column "partition_key"'] };
    const [s] = matchRunbooks([db], oneSubject);
    // Both log rules match the one signature: still one subject, the plain weight.
    assert.strictEqual(s!.score, RULE_WEIGHTS.logs);
    const padded = parseRunbook('runbooks/padded.md', ['---', 'match:', '  logs:', ...Array.from({ length: 10 }, (_, i) => `    - 'column${'.?'.repeat(i)}'`), '---'].join('\n'));
    const [p] = matchRunbooks([padded], oneSubject);
    assert.strictEqual(p!.score, RULE_WEIGHTS.logs);
  });

  it('matches runbooks without rules on title and heading words only', () => {
    const [s] = matchRunbooks([plain, db], { errorTitles: ['TimeoutError: connection pool exhausted after 30s'] });
    assert.strictEqual(s!.runbook.path, 'runbooks/plain.md');
    assert.strictEqual(s!.reasons[0]!.kind, 'words');
    assert.match(s!.reasons[0]!.text, /title shares .*`pool`/);
    assert.deepStrictEqual(matchRunbooks([plain], { errorTitles: ['Disk full'] }), []);
  });

  it('returns nothing for an empty context and keeps the best first with a limit', () => {
    assert.deepStrictEqual(matchRunbooks([db, plain], {}), []);
    const ctx = { logSignatures: ['null value in column "partition_key"'], services: ['orders'] };
    const ranked = createRunbookMatcher().match([plain, db], ctx, 1);
    assert.deepStrictEqual(
      ranked.map((s) => s.runbook.path),
      ['runbooks/db.md'],
    );
  });

  it('the shipped runbooks: the demo incident suggests the database runbook first', () => {
    const suggestions = matchRunbooks(shipped, {
      services: ['orders-api'],
      logSignatures: ['ERROR: null value in column "partition_key" of relation "orders" violates not-null constraint'],
      errorTitles: ['IntegrityError: null value in column "partition_key" violates not-null constraint'],
      changedFiles: ['src/orders/writer.ts'],
    });
    assert.ok(suggestions.length > 0);
    assert.strictEqual(suggestions[0]!.runbook.path, 'runbooks/database-write-failures.md');
    assert.match(suggestions[0]!.reasons[0]!.text, /^matches (log signature|error) `/);
  });

  it('the shipped runbooks: a pool exhaustion error suggests the pool runbook first', () => {
    const suggestions = matchRunbooks(shipped, { errorTitles: ['TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out'] });
    assert.strictEqual(suggestions[0]?.runbook.path, 'runbooks/connection-pool-exhaustion.md');
  });

  it('a hostile subject stays inside a code span in the reason', () => {
    const [s] = matchRunbooks([db], { logSignatures: ['null value in column ``` <script>alert(1)</script>\n# heading'] });
    const text = s!.reasons[0]!.text;
    assert.ok(!text.includes('\n'), text);
  });
});
