/**
 * One refresh of every source at once: the sources run concurrently, each settles on its own
 * (a failing or slow one never holds the others up), the whole run is cancellable, and runs
 * never overlap: asking again while one runs joins it, and the timer of the automatic refresh
 * counts from the end of the previous run. Pure: no editor, so the view, the command line and
 * the benchmark share it.
 */
import { SourceError, errorMessage, isSourceError } from '../errors';

export interface RefreshTask {
  /** The source's name, as the health strip shows it. */
  name: string;
  /** Reads the source; rejects (or throws) on failure; stops when the signal aborts. */
  run(signal: AbortSignal): Promise<unknown>;
}

export type TaskOutcome =
  | { name: string; ok: true; ms: number; at: number }
  | { name: string; ok: false; ms: number; at: number; error: SourceError };

export interface RunResult {
  outcomes: TaskOutcome[];
  /** Wall time of the whole run: about the slowest source, not the sum. */
  ms: number;
  cancelled: boolean;
}

export interface RefreshRunnerOptions {
  /** The sources of a run, asked at its start (settings may change between runs). */
  tasks: () => readonly RefreshTask[];
  /** A source still running after this long is given up as timed out (default 60 s). */
  timeoutMs?: number;
  /** Each source's outcome as soon as it settles, so results render as they arrive. */
  onSettled?: (outcome: TaskOutcome) => void;
  onStart?: () => void;
  onEnd?: (result: RunResult) => void;
  now?: () => number;
}

export class RefreshRunner {
  private current?: { promise: Promise<RunResult>; abort: AbortController };
  private timer?: ReturnType<typeof setTimeout>;
  private interval = 0;
  private disposed = false;

  constructor(private readonly options: RefreshRunnerOptions) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Starts a run, or joins the one already running. */
  run(): Promise<RunResult> {
    if (this.current) return this.current.promise;
    const abort = new AbortController();
    const promise = this.execute(abort).finally(() => {
      this.current = undefined;
      this.schedule();
    });
    this.current = { promise, abort };
    return promise;
  }

  /** Stops the running refresh; sources see their signal abort. */
  cancel(): void {
    this.current?.abort.abort();
  }

  /** Refreshes every `seconds` after the end of the previous run; 0 turns it off. */
  setAutoRefresh(seconds: number): void {
    this.interval = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
    this.schedule();
  }

  get autoRefreshSeconds(): number {
    return this.interval / 1000;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.cancel();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.interval || this.disposed || this.current) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.interval);
  }

  private async execute(abort: AbortController): Promise<RunResult> {
    const now = this.options.now ?? Date.now;
    const started = performance.now();
    this.options.onStart?.();
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const outcomes = await Promise.all(
      this.options.tasks().map(async (task): Promise<TaskOutcome> => {
        const t = performance.now();
        const own = new AbortController();
        const stop = (): void => own.abort();
        abort.signal.addEventListener('abort', stop);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            own.abort();
            reject(new SourceError('timeout', `${task.name} did not answer within ${Math.round(timeoutMs / 1000)} s.`));
          }, timeoutMs);
        });
        let outcome: TaskOutcome;
        try {
          await Promise.race([Promise.resolve().then(() => task.run(own.signal)), timedOut]);
          outcome = abort.signal.aborted
            ? { name: task.name, ok: false, ms: performance.now() - t, at: now(), error: new SourceError('cancelled', 'Refresh cancelled.') }
            : { name: task.name, ok: true, ms: performance.now() - t, at: now() };
        } catch (e) {
          const error = abort.signal.aborted ? new SourceError('cancelled', 'Refresh cancelled.') : isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
          outcome = { name: task.name, ok: false, ms: performance.now() - t, at: now(), error };
        } finally {
          if (timer) clearTimeout(timer);
          abort.signal.removeEventListener('abort', stop);
        }
        this.options.onSettled?.(outcome);
        return outcome;
      }),
    );
    const result = { outcomes, ms: performance.now() - started, cancelled: abort.signal.aborted };
    this.options.onEnd?.(result);
    return result;
  }
}
