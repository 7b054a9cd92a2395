import * as assert from 'node:assert/strict';
import { extractFrames, framesOfEntry } from '../../../src/core/logs/frames';
import { fixture, parse } from './helpers';

describe('stack frames in log entries', () => {
  it('Java: class.method, file, line; platform frames marked internal; no file for native methods', () => {
    const { entries } = parse(fixture('java-app.log'));
    const frames = framesOfEntry(entries[1]);
    assert.deepEqual(frames[2], { language: 'java', file: 'PaymentClient.java', line: 57, function: 'com.shop.checkout.payments.PaymentClient.charge', internal: false });
    assert.deepEqual(frames[4], { language: 'java', file: 'Thread.java', line: 1583, function: 'java.lang.Thread.run', internal: true });
    assert.equal(frames.length, 7, 'frames of the cause are included');
    assert.equal(frames[0].internal, true, 'org.springframework counts as library code');
  });

  it('Python: path, line, function; standard library internal', () => {
    const { entries } = parse(fixture('python-app.log'));
    const frames = framesOfEntry(entries[1]);
    assert.deepEqual(frames.map((f) => [f.file, f.line, f.function, f.internal]), [
      ['/srv/billing/worker.py', 88, 'process', false],
      ['/srv/billing/tax.py', 23, 'compute_total', false],
      ['/srv/billing/worker.py', 91, 'process', false],
      ['/usr/lib/python3.12/logging/__init__.py', 1520, 'error', true],
    ]);
  });

  it('Node: with and without function, async, file:// URLs, node: internals, node_modules', () => {
    const { entries } = parse(fixture('node-app.log'));
    const frames = framesOfEntry(entries[1]);
    assert.deepEqual(frames.map((f) => [f.file, f.line, f.column, f.function, f.internal]), [
      ['/srv/api/src/users.js', 14, 22, 'getUser', false],
      ['file:///srv/api/src/routes/orders.mjs', 31, 5, 'handler', false],
      ['/srv/api/node_modules/express/lib/router/layer.js', 95, 5, 'Object.<anonymous>', true],
      ['node:internal/process/task_queues', 95, 5, 'process.processTicksAndRejections', true],
    ]);
    assert.deepEqual(extractFrames('    at /app/server.js:10:3'), [{ language: 'node', file: '/app/server.js', line: 10, column: 3, function: undefined, internal: false }]);
    assert.deepEqual(extractFrames('    at new Cart (C:\\app\\cart.js:2:9)')[0].file, 'C:\\app\\cart.js');
  });

  it('structured loggers: frames from err.stack (pino) and error.stack_trace (ECS)', () => {
    const pino = parse(fixture('pino.jsonl')).entries[3];
    assert.deepEqual(framesOfEntry(pino).map((f) => [f.file, f.line, f.internal]), [
      ['node:net', 1555, true],
      ['/srv/app/src/payments/client.js', 88, false],
    ]);
    const ecs = parse(fixture('ecs.jsonl')).entries[1];
    assert.deepEqual(framesOfEntry(ecs).map((f) => [f.file, f.line]), [
      ['ProviderClient.java', 117],
      ['CheckoutService.java', 64],
    ]);
  });

  it('Go panics: the function from the line above, the file from the indented line', () => {
    const text = 'panic: runtime error: index out of range\n\ngoroutine 1 [running]:\nmain.(*Server).handle(0xc000010000)\n\t/app/server.go:42 +0x1d\nmain.main()\n\t/app/main.go:10 +0x25\nruntime.main()\n\t/usr/local/go/src/runtime/proc.go:271 +0x28';
    assert.deepEqual(extractFrames(text).map((f) => [f.file, f.line, f.function, f.internal]), [
      ['/app/server.go', 42, 'main.(*Server).handle', false],
      ['/app/main.go', 10, 'main.main', false],
      ['/usr/local/go/src/runtime/proc.go', 271, 'runtime.main', true],
    ]);
  });

  it('text without frames gives none', () => {
    assert.deepEqual(extractFrames('at least one error happened\nFile "x" is missing'), []);
  });
});
