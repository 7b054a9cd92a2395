import * as assert from 'assert';
import { flagName, flipFlag, readFlags } from '../../../src/core/runbooks/flags';

describe('flags file', () => {
  it('lists boolean leaves of a JSON file and flips one without touching anything else', () => {
    const json = '{\n  "checkout": { "newFlow": true,  "limit": 5 },\n  "darkMode":false,\n  "name": "true"\n}\n';
    const r = readFlags(json);
    assert.ok(r.ok);
    assert.deepStrictEqual(
      r.flags.map((f) => [flagName(f), f.value, f.line]),
      [
        ['checkout.newFlow', true, 1],
        ['darkMode', false, 2],
      ],
    );
    const flipped = flipFlag(json, r.flags[0]!);
    assert.strictEqual(flipped, json.replace('"newFlow": true', '"newFlow": false'));
    assert.deepStrictEqual(JSON.parse(flipped).checkout, { newFlow: false, limit: 5 });
  });

  it('keeps YAML comments, order and spelling', () => {
    const yaml = '# flags for prod\norders:\n  partitionWriter: True # new writer\n  retries: 3\nlegacy: [false, x]\n';
    const r = readFlags(yaml);
    assert.ok(r.ok);
    assert.deepStrictEqual(
      r.flags.map((f) => flagName(f)),
      ['orders.partitionWriter', 'legacy.0'],
    );
    assert.strictEqual(flipFlag(yaml, r.flags[0]!), yaml.replace('partitionWriter: True', 'partitionWriter: False'));
    assert.strictEqual(flipFlag(yaml, r.flags[1]!), yaml.replace('[false, x]', '[true, x]'));
  });

  it('reports a file it cannot parse instead of guessing', () => {
    const r = readFlags('{ "a": true, ');
    assert.strictEqual(r.ok, false);
  });
});
