import * as assert from 'node:assert/strict';
import { entryTemplate, messageTemplate, templateId } from '../../../src/core/logs/normalize';
import { fixture, parse } from './helpers';

describe('log signatures: message normalisation', () => {
  const table: [string, string][] = [
    ['Payment failed for order 88123', 'Payment failed for order <num>'],
    ['user 42 logged in from 10.0.0.7', 'user <num> logged in from <ip>'],
    ['connect ECONNREFUSED 10.2.0.15:5432', 'connect ECONNREFUSED <ip>'],
    ['request 550e8400-e29b-41d4-a716-446655440000 done', 'request <uuid> done'],
    ['commit 3f9a2c1d7e8b applied', 'commit <hex> applied'],
    ['pointer 0x7ffee4b2a8c0 freed', 'pointer <hex> freed'],
    ['no such user bob.smith+test@example.co.uk', 'no such user <email>'],
    ['upstream [2001:db8::ff00:42:8329]:443 failed', 'upstream [<ip>]:<num> failed'],
    ['listening on ::1 port 8080', 'listening on <ip> port <num>'],
    ['fe80::1ff:fe23:4567:890a link down', '<ip> link down'],
    ['timeout after 250ms calling payments', 'timeout after <duration> calling payments'],
    ['retry in 1.5s (attempt 3)', 'retry in <duration> (attempt <num>)'],
    ['took 2 seconds', 'took <duration>'],
    ['GET https://api.example.com/v1/users/123/orders?limit=10&page=2 failed', 'GET https://api.example.com/v<num>/users/<id>/orders?<query> failed'],
    ['GET /api/orders/88123/items?expand=true 500', 'GET /api/orders/<id>/items?<query> <num>'],
    ['file /var/data/users/u-9912/avatar.png missing', 'file /var/data/users/<id>/avatar.png missing'],
    ['key "session:abc" expired', 'key "<str>" expired'],
    ["can't connect to 'db-primary'", "can't connect to '<str>'"],
    ['started at 2024-05-01T12:00:00.123Z', 'started at <ts>'],
    ['started at 2024-05-01 12:00:00,123', 'started at <ts>'],
    ['backup at 12:30:00 done', 'backup at <time> done'],
    ['temperature -3.5 degrees', 'temperature <num> degrees'],
    ['worker-3 crashed', 'worker-<num> crashed'],
    ['deadbeef is a word', 'deadbeef is a word'],
    ['  spaces   collapse  ', 'spaces collapse'],
    ['first line 1\n\tat com.x.Y.z(Y.java:10)', 'first line <num>'],
  ];
  for (const [input, want] of table) {
    it(`${JSON.stringify(input).slice(0, 60)} → ${want}`, () => assert.equal(messageTemplate(input), want));
  }

  it('white space: runs, tabs and non-breaking spaces become one space; single spaces and edges as before', () => {
    assert.equal(messageTemplate('a  b\tc\u00a0\u00a0d 12'), 'a b c d <num>');
    assert.equal(messageTemplate('  lead and trail 7  '), 'lead and trail <num>');
    assert.equal(messageTemplate('one\u00a0space stays'), 'one\u00a0space stays');
    assert.equal(messageTemplate('cr\rin 5'), 'cr in <num>');
    assert.equal(messageTemplate('took 250 ms and 3 s'), 'took <duration> and <duration>');
    assert.equal(messageTemplate(''), '');
  });

  it("a structured logger's fixed message with the error in a field: the error's type and message join the template", () => {
    const nullKey = { message: 'unhandled error', fields: { err: { type: 'TypeError', message: "Cannot read properties of null (reading 'partitionKey')", stack: 'TypeError: …\n    at insertOrder (/usr/src/app/src/db/orders.ts:20:12)' } } };
    const refused = { message: 'unhandled error', fields: { err: { type: 'Error', message: 'connect ECONNREFUSED 10.0.3.7:5432' } } };
    assert.equal(entryTemplate(nullKey), "unhandled error: TypeError: Cannot read properties of null (reading '<str>')");
    assert.equal(entryTemplate(refused), 'unhandled error: Error: connect ECONNREFUSED <ip>');
    // bunyan's name, ECS-like `error`; a message that already says it, or no error: the message alone.
    assert.equal(entryTemplate({ message: 'reservation failed', fields: { err: { name: 'LockError', message: 'stock row locked' } } }), 'reservation failed: LockError: stock row locked');
    assert.equal(entryTemplate({ message: 'failed', fields: { error: { message: 'Error: timeout after 30s' } } }), 'failed: Error: timeout after <duration>');
    assert.equal(entryTemplate({ message: 'boom: Error: x broke', fields: { err: { type: 'Error', message: 'x broke' } } }), 'boom: Error: x broke');
    assert.equal(entryTemplate({ message: 'ok', fields: { err: 'a string' } }), 'ok');
    assert.equal(entryTemplate({ message: '' }), '(empty message)');
    // From a real pino line.
    const pino = parse(fixture('pino.jsonl')).entries[3];
    assert.equal(entryTemplate(pino), 'payment failed for order <num>: Error: connect ECONNREFUSED <ip>');
  });

  it('messages that differ only in variable parts share a template and an id', () => {
    const a = messageTemplate('timeout after 250ms calling 10.0.0.7 for order 1');
    const b = messageTemplate('timeout after 3s calling 10.0.0.9 for order 77');
    assert.equal(a, b);
    assert.equal(templateId(a), templateId(b));
    assert.match(templateId(a), /^[0-9a-f]{8}$/);
    assert.notEqual(templateId(a), templateId(messageTemplate('something else')));
  });

  it('a very long message is cut before normalising, so the cost stays bounded', () => {
    const t = messageTemplate(`x ${'a1 '.repeat(100_000)}`);
    assert.ok(t.length < 2000);
  });
});
