import * as assert from 'assert';
import { compileGlob, expandBraces } from '../../../src/core/runbooks/globs';
import { compileSafePattern, escapeRegExp, MAX_PATTERN_LENGTH } from '../../../src/core/runbooks/safeRegex';

function compiled(source: string) {
  const c = compileSafePattern(source);
  assert.ok(c.ok, `expected ${source} to compile: ${c.ok ? '' : c.message}`);
  return c.pattern;
}

/** Same answer as the native engine, case-insensitively. */
function agrees(source: string, subjects: string[]): void {
  const p = compiled(source);
  const native = new RegExp(source, 'i');
  for (const s of subjects) assert.strictEqual(p.test(s), native.test(s), `${source} on ${JSON.stringify(s)}`);
}

describe('compileSafePattern', () => {
  it('agrees with RegExp on ordinary rule patterns', () => {
    agrees('null value in column "partition_key"', ['ERROR: null value in column "partition_key" of relation', 'NULL VALUE IN COLUMN "PARTITION_KEY"', 'other']);
    agrees('null value in column .{1,80} violates not-null constraint', ['null value in column "a" violates not-null constraint', 'null value in column violates not-null constraint']);
    agrees('SQLSTATE\\W{0,3}235(02|14)', ['SQLSTATE: 23502', 'sqlstate=23514', 'SQLSTATE 23503']);
    agrees('^timeout(s)? after \\d+ ?ms$', ['timeout after 30ms', 'Timeouts after 5 ms', 'a timeout after 5ms']);
    agrees('\\bpool\\b.*exhaust', ['connection pool exhausted', 'poolside exhaust']);
    agrees('[a-c]+x|y{2,}', ['abcx', 'yy', 'y', 'dx']);
  });

  it('rejects invalid syntax with the engine message', () => {
    const c = compileSafePattern('(unclosed');
    assert.strictEqual(c.ok, false);
    assert.strictEqual(!c.ok && c.problem, 'invalid');
  });

  it('rejects backreferences and lookarounds, which cannot run in linear time', () => {
    for (const source of ['(a)\\1', '(?=a)b', '(?<!x)y']) {
      const c = compileSafePattern(source);
      assert.strictEqual(c.ok, false, source);
      assert.strictEqual(!c.ok && c.problem, 'unsupported', source);
    }
  });

  it('rejects patterns over the length limit and ones that expand too far', () => {
    const long = compileSafePattern('a'.repeat(MAX_PATTERN_LENGTH + 1));
    assert.strictEqual(!long.ok && long.problem, 'limit');
    const big = compileSafePattern('(a{1000}){1000}');
    assert.strictEqual(big.ok, false);
  });

  it('runs catastrophic patterns in linear time', function () {
    this.timeout(5000);
    const subject = `${'a'.repeat(4000)}!`;
    for (const source of ['(a+)+$', '(a|aa)+$', '(a*)*b', '.*a.*a.*a.*a.*a.*b', '(\\w+\\s?)+$']) {
      const p = compiled(source);
      const started = process.hrtime.bigint();
      const result = p.test(subject);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.strictEqual(result, false, source);
      assert.ok(ms < 500, `${source} took ${ms.toFixed(0)} ms`);
    }
    // And they still answer correctly.
    assert.strictEqual(compiled('(a+)+$').test(subject), false);
    assert.strictEqual(compiled('(a+)+!$').test(subject), true);
    assert.strictEqual(compiled('(a*)*b').test(subject), false);
  });

  it('escapeRegExp makes text match itself', () => {
    const text = 'cost (USD) is $5.00 [a+b]? {x}|y/z\\';
    assert.strictEqual(compiled(escapeRegExp(text)).test(`prefix ${text} suffix`), true);
    assert.strictEqual(compiled(escapeRegExp('a.b')).test('axb'), false);
  });
});

describe('compileGlob', () => {
  it('matches changed files by glob', () => {
    const g = compileGlob('**/migrations/**');
    assert.ok(g.ok);
    assert.strictEqual(g.ok && g.pattern.test('db/migrations/001_init.sql'), true);
    assert.strictEqual(g.ok && g.pattern.test('src/app.ts'), false);
    const ext = compileGlob('src/**/*.{yaml,yml}');
    assert.strictEqual(ext.ok && ext.pattern.test('src/config/app.yml'), true);
    assert.deepStrictEqual(expandBraces('a.{x,y}'), ['a.x', 'a.y']);
  });
});
