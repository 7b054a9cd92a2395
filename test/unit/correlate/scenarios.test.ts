// The scenarios the correlation must get right, as a table: each names its changes and failures
// and which suspect must (or must not) come first.
import * as assert from 'node:assert/strict';
import { rankSuspects, type FailureSignal, type RankInput, type SuspectChange } from '../../../src/core/correlate/suspects';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 14, 0, 0);

const at = (minutes: number): number => T0 + minutes * MIN;
function change(key: string, committed: number, files: Array<[string, SuspectChange['files'][number]['risks']]>, deployed?: [number, string]): SuspectChange {
  return { key, kind: 'commit', title: key, time: at(committed), files: files.map(([path, risks]) => ({ path, risks })), ...(deployed ? { deployedAt: at(deployed[0]), deployName: deployed[1] } : {}) };
}
function failure(key: string, firstSeen: number, frameFiles: string[] = []): FailureSignal {
  return { key, origin: 'error', title: `TypeError in ${key}`, firstSeen: at(firstSeen), frameFiles };
}

interface Scenario {
  name: string;
  input: RankInput;
  /** The key that must rank first; undefined: nothing may be returned. */
  first?: string;
  /** A key that must not rank first. */
  notFirst?: string;
  /** A word the first suspect's reasons must contain. */
  because?: RegExp;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a bad deploy: the change it shipped 4 minutes before the first error',
    input: {
      changes: [
        change('old-feature', -600, [['src/cart/total.ts', []]], [-540, 'deploy-41']),
        change('refactor-meta', -90, [['src/orders/meta.ts', []]], [-4, 'deploy-42']),
        change('readme', -80, [['README.md', []]], [-4, 'deploy-42']),
      ],
      failures: [failure('checkout', 0, ['src/orders/meta.ts'])],
    },
    first: 'refactor-meta',
    because: /deploy-42/,
  },
  {
    name: 'a config-only change beats code changes of the same time',
    input: {
      changes: [change('code-a', -20, [['src/a.ts', []]]), change('flags', -20, [['config/flags.yml', ['flags']]]), change('code-b', -20, [['src/b.ts', []]])],
      failures: [failure('checkout', 0)],
    },
    first: 'flags',
    because: /flags/,
  },
  {
    name: 'files that match the stack frames but deployed after the error started must not rank first',
    input: {
      changes: [
        change('late-fix', -5, [['src/orders/meta.ts', []]], [+10, 'deploy-43']),
        change('culprit', -60, [['src/db/pool.ts', []]], [-6, 'deploy-42']),
      ],
      failures: [failure('checkout', 0, ['src/orders/meta.ts', 'src/orders/meta.ts'])],
    },
    first: 'culprit',
    notFirst: 'late-fix',
  },
  {
    name: 'no changes at all: no suspects, and no error',
    input: { changes: [], failures: [failure('checkout', 0, ['src/orders/meta.ts'])] },
  },
];

describe('correlation scenarios', () => {
  for (const s of SCENARIOS) {
    it(s.name, () => {
      const ranked = rankSuspects(s.input).filter((r) => r.score > 0);
      if (s.first === undefined) {
        assert.deepEqual(ranked, []);
        return;
      }
      assert.equal(ranked[0]?.change.key, s.first, ranked.map((r) => `${r.change.key} ${r.score.toFixed(3)}: ${r.reasons.map((x) => x.text).join('; ')}`).join('\n'));
      if (s.notFirst) assert.notEqual(ranked[0]?.change.key, s.notFirst);
      if (s.because) assert.match(ranked[0]!.reasons.map((r) => r.text).join(' '), s.because);
    });
  }
});
