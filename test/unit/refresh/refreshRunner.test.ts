import * as assert from 'assert';
import { SourceError } from '../../../src/core/errors';
import { RefreshRunner, type RefreshTask, type TaskOutcome } from '../../../src/core/refresh/refreshRunner';

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

const task = (name: string, ms: number, fail?: Error): RefreshTask => ({
  name,
  run: async (signal) => {
    await sleep(ms, signal);
    if (fail) throw fail;
  },
});

describe('RefreshRunner', () => {
  it('runs the sources concurrently: the run takes about the slowest, and each settles on its own', async () => {
    const settled: string[] = [];
    const runner = new RefreshRunner({ tasks: () => [task('slow', 120), task('fast', 10), task('mid', 60)], onSettled: (o) => settled.push(o.name) });
    const r = await runner.run();
    assert.deepStrictEqual(settled, ['fast', 'mid', 'slow']);
    assert.ok(r.ms < 120 + 10 + 60, `the run took ${r.ms} ms, less than the sum`);
    assert.ok(r.ms >= 110);
    assert.ok(r.outcomes.every((o) => o.ok));
  });

  it('a failing source becomes its own outcome; the others still succeed', async () => {
    const runner = new RefreshRunner({ tasks: () => [task('sentry', 5, new SourceError('unauthorized', 'Sentry rejected the token.')), task('git', 20), { name: 'throws', run: () => { throw new Error('boom'); } }] });
    const r = await runner.run();
    const by = new Map(r.outcomes.map((o) => [o.name, o]));
    assert.strictEqual(by.get('git')?.ok, true);
    const s = by.get('sentry') as Extract<TaskOutcome, { ok: false }>;
    assert.strictEqual(s.ok, false);
    assert.strictEqual(s.error.kind, 'unauthorized');
    const t = by.get('throws') as Extract<TaskOutcome, { ok: false }>;
    assert.strictEqual(t.error.kind, 'failed');
    assert.strictEqual(t.error.message, 'boom');
  });

  it('gives up a source that is slower than the timeout, as timed out, and aborts it', async () => {
    let aborted = false;
    const runner = new RefreshRunner({
      timeoutMs: 40,
      tasks: () => [{ name: 'stuck', run: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); })) }, task('ok', 5)],
    });
    const r = await runner.run();
    const stuck = r.outcomes.find((o) => o.name === 'stuck') as Extract<TaskOutcome, { ok: false }>;
    assert.strictEqual(stuck.error.kind, 'timeout');
    assert.ok(aborted, 'the stuck source saw its signal abort');
    assert.ok(r.outcomes.find((o) => o.name === 'ok')?.ok);
  });

  it('never overlaps: asking again while a run is going joins it', async () => {
    let starts = 0;
    const runner = new RefreshRunner({ tasks: () => [task('a', 30)], onStart: () => starts++ });
    const [a, b] = await Promise.all([runner.run(), runner.run()]);
    assert.strictEqual(a, b);
    assert.strictEqual(starts, 1);
    await runner.run();
    assert.strictEqual(starts, 2);
  });

  it('cancel aborts every source and says the run was cancelled', async () => {
    const runner = new RefreshRunner({ tasks: () => [task('a', 500), task('b', 500)] });
    const p = runner.run();
    setTimeout(() => runner.cancel(), 10);
    const r = await p;
    assert.strictEqual(r.cancelled, true);
    assert.ok(r.ms < 400);
    assert.ok(r.outcomes.every((o) => !o.ok && o.error.kind === 'cancelled'));
    assert.strictEqual(runner.running, false);
  });

  it('auto-refresh waits for the end of a run before counting again, so runs never overlap', async () => {
    let concurrent = 0;
    let most = 0;
    let runs = 0;
    const runner = new RefreshRunner({
      tasks: () => [{ name: 'slow', run: async () => { concurrent++; most = Math.max(most, concurrent); runs++; await sleep(60); concurrent--; } }],
    });
    runner.setAutoRefresh(0.01); // every 10 ms, but each run lasts 60 ms
    await sleep(300);
    runner.dispose();
    assert.strictEqual(most, 1, 'never two runs at once');
    assert.ok(runs >= 2 && runs <= 5, `${runs} runs in 300 ms`);
  });
});
