import * as assert from 'assert';
import { findBlamingPhrases } from '../../../src/core/timeline/blame';

function phrases(text: string): string[] {
  return findBlamingPhrases(text).map((h) => h.phrase);
}

describe('findBlamingPhrases', () => {
  it('finds blaming wording, case-insensitively', () => {
    const hits: [string, string][] = [
      ['The outage was caused by Human Error.', 'Human Error'],
      ['It was operator error', 'operator error'],
      ["It was Sam's fault", "Sam's fault"],
      ['entirely their fault', 'their fault'],
      ['The on-call was at fault', 'at fault'],
      ['We should not blame anyone', 'blame'],
      ['He was blamed', 'blamed'],
      ['She should have known better', 'should have known'],
      ["they should've checked the graph", "should've checked"],
      ['A careless change', 'careless'],
      ['CARELESSLY merged', 'CARELESSLY'],
      ['That was negligent', 'negligent'],
      ['The engineer failed to run the migration', 'failed to'],
      ["Nobody didn't bother to look", "didn't bother"],
      ['did not bother with tests', 'did not bother'],
      ['an incompetent rollout', 'incompetent'],
      ['Dana forgot to drain the node', 'Dana forgot'],
      ['then Sam broke production', 'Sam broke'],
      ['Jörg messed up the config', 'Jörg messed up'],
      ['someone forgot the flag', 'someone forgot'],
      ['the toggle was forgotten', 'forgotten'],
      ['a sloppy review', 'sloppy'],
    ];
    for (const [text, phrase] of hits) assert.deepStrictEqual(phrases(text), [phrase], text);
  });

  it('does not flag ordinary words that contain the same letters or name things', () => {
    const clean = [
      'The default timeout is 30 s',
      'A faulty disk on db-3',
      'Fault tolerance kicked in',
      'This is a blameless review',
      'I ran git blame on checkout.ts',
      'The 14:00 deploy broke the partition key',
      'Deploy 42 broke checkout',
      'The migration broke the index',
      'The health check should have a longer timeout',
      'A careful rollout and a failover that worked',
    ];
    for (const text of clean) assert.deepStrictEqual(phrases(text), [], text);
  });

  it('reports 1-based line and column with a hint toward systemic wording', () => {
    const hits = findBlamingPhrases('Summary\r\nRoot cause: human error.\nAlso, Sam forgot it.');
    assert.deepStrictEqual(
      hits.map((h) => [h.line, h.column, h.length, h.phrase]),
      [
        [2, 13, 11, 'human error'],
        [3, 7, 10, 'Sam forgot'],
      ],
    );
    assert.match(hits[0]!.hint, /system/);
    assert.ok(hits.every((h) => h.hint.length > 20));
  });

  it('reports every hit on a line once', () => {
    assert.deepStrictEqual(phrases('careless and negligent, human error'), ['careless', 'negligent', 'human error']);
  });
});
