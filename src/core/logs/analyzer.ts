/**
 * Signatures and findings over a stream of entries, one entry at a time. Memory is bounded by
 * the number of signatures (capped), not by the number of entries; the order of entries does
 * not matter (rotated files and several sources may interleave).
 *
 * Rules (all per source, comparing the window with the baseline period before it):
 * - The baseline rate of a signature is its baseline count divided by the baseline time that
 *   actually holds data (from the first entry seen, or the baseline start when the source had
 *   older data). With less than `minBaselineMinutes` of it, no burst or new-signature finding
 *   is made (`baselineTooShort`).
 * - Burst: the window is cut into buckets (1 minute, longer for windows over an hour, at most
 *   60 buckets). A bucket bursts when its count >= max(minCount, factor × baseline rate ×
 *   bucket length). The floor (minCount) keeps rare messages from "bursting" at 3 per minute.
 *   A signature absent from the baseline is reported as new instead.
 * - New signature: seen in the window, never in the baseline.
 * - Success drop: successes per minute in the window against the baseline's rate; a drop is a
 *   run of at least `minutes` consecutive complete minutes, each below `fraction` × baseline
 *   rate. Needs a baseline rate of at least `minBaselinePerMinute`. Minutes after the last
 *   entry of the source are not judged (no data is not a drop), so it needs other lines to
 *   keep coming, and it needs no errors at all.
 */

import type { LogEntry, LogFinding, LogLevel, LogSignature } from '../model/logs';
import { analysisSettings, bucketLayout, describe, lightCopy, MINUTE } from './analysisSettings';
import type { AnalysisOptions, AnalysisSettings } from './analysisSettings';
import { LEVEL_RANK } from './levels';
import { entryTemplate, templateId } from './normalize';
import { successMatcher } from './success';
import type { SuccessMatcher } from './success';

interface SignatureState {
  template: string;
  level: LogLevel;
  count: number;
  baseline: number;
  first: number | undefined;
  last: number | undefined;
  example: LogEntry | undefined;
  exampleTime: number;
  buckets: Uint32Array | undefined;
}

export interface AnalysisResult {
  signatures: LogSignature[];
  findings: LogFinding[];
  baselineTooShort: boolean;
  untrackedSignatures: number;
}

const MAX_DROP_FINDINGS = 10;

export class LogAnalyzer {
  readonly settings: AnalysisSettings;
  private readonly sigs = new Map<string, SignatureState>();
  private untracked = 0;
  private readonly isSuccess: SuccessMatcher | undefined;
  // Sparse, by minute of the window: memory follows the minutes that had successes.
  private readonly successPerMinute = new Map<number, number>();
  private readonly lastSuccessInMinute = new Map<number, LogEntry>();
  private lastBaselineSuccess: LogEntry | undefined;
  private baselineSuccesses = 0;
  private earliest = Infinity;
  private latest = -Infinity;
  private earliestInWindow = Infinity;
  private olderData = false;
  private readonly bucketMs: number;
  private readonly bucketCount: number;

  constructor(
    private readonly source: string,
    options: AnalysisOptions,
  ) {
    this.settings = analysisSettings(options);
    const { window } = this.settings;
    ({ bucketMs: this.bucketMs, count: this.bucketCount } = bucketLayout(window));
    this.isSuccess = this.settings.success ? successMatcher(this.settings.success) : undefined;
  }

  /** The source had entries before the baseline start: the baseline is fully covered. */
  noteOlderData(): void {
    this.olderData = true;
  }

  /** An entry placed at `at` (its time, or the time of the entry before it). */
  add(entry: LogEntry, at: number | undefined): void {
    const { window, baseline } = this.settings;
    if (at !== undefined) {
      if (at < baseline.start || at > window.end) return;
      if (at < this.earliest) this.earliest = at;
      if (at > this.latest) this.latest = at;
    }
    const inWindow = at === undefined || at >= window.start;
    const inBaseline = !inWindow && at! < baseline.end;
    if (!inWindow && !inBaseline) return;
    if (inWindow && at !== undefined && at < this.earliestInWindow) this.earliestInWindow = at;
    this.countSuccess(entry, at, inWindow);
    if (this.settings.signatureLevels && !this.settings.signatureLevels.has(entry.level)) return;
    const template = entryTemplate(entry);
    let s = this.sigs.get(template);
    if (!s) {
      if (this.sigs.size >= this.settings.maxSignatures) {
        this.untracked++;
        return;
      }
      s = { template, level: entry.level, count: 0, baseline: 0, first: undefined, last: undefined, example: undefined, exampleTime: Infinity, buckets: undefined };
      this.sigs.set(template, s);
    }
    if (LEVEL_RANK[entry.level] > LEVEL_RANK[s.level]) s.level = entry.level;
    if (!inWindow) {
      s.baseline++;
      return;
    }
    s.count++;
    if (at !== undefined) {
      if (s.first === undefined || at < s.first) s.first = at;
      if (s.last === undefined || at > s.last) s.last = at;
      const b = Math.min(this.bucketCount - 1, Math.floor((at - window.start) / this.bucketMs));
      (s.buckets ??= new Uint32Array(this.bucketCount))[b]++;
    }
    const exampleTime = at ?? Infinity;
    if (!s.example || exampleTime < s.exampleTime) {
      s.example = lightCopy(entry, this.settings.exampleChars);
      s.exampleTime = exampleTime;
    }
  }

  result(): AnalysisResult {
    const { baseline } = this.settings;
    const from = this.olderData ? baseline.start : Math.max(baseline.start, this.earliest);
    const baselineMs = Math.max(0, baseline.end - from);
    const baselineTooShort = baselineMs < Math.min(this.settings.minBaselineMinutes * MINUTE, baseline.end - baseline.start) || baselineMs <= 0;
    const signatures: LogSignature[] = [];
    const findings: LogFinding[] = [];
    for (const s of this.sigs.values()) {
      if (s.count === 0) continue;
      const sig: LogSignature = {
        id: templateId(s.template),
        template: s.template,
        level: s.level,
        count: s.count,
        baselineCount: s.baseline,
        firstSeen: s.first,
        lastSeen: s.last,
        example: s.example!,
      };
      signatures.push(sig);
      if (baselineTooShort || !this.settings.findingLevels.has(s.level)) continue;
      if (s.baseline === 0) findings.push(this.newSignature(sig));
      else if (s.buckets) {
        const burst = this.burst(sig, s.buckets, s.baseline / baselineMs);
        if (burst) findings.push(burst);
      }
    }
    if (this.isSuccess && !baselineTooShort && baselineMs > 0) findings.push(...this.successDrops((this.baselineSuccesses / baselineMs) * MINUTE));
    signatures.sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
    findings.sort((a, b) => a.time - b.time);
    return { signatures, findings, baselineTooShort, untrackedSignatures: this.untracked };
  }

  private newSignature(sig: LogSignature): LogFinding {
    const time = sig.firstSeen ?? this.settings.window.start;
    return {
      kind: 'newSignature',
      time,
      source: this.source,
      signature: { id: sig.id, template: sig.template, level: sig.level },
      detail: `New: ${sig.count}× since ${describe.time(time)}, not seen in the ${describe.minutes(this.settings.baseline.end - this.settings.baseline.start)} before`,
      example: sig.example,
      measure: { observed: sig.count, expected: 0, ratio: Infinity, minutes: 0 },
    };
  }

  /** `ratePerMs`: the signature's baseline rate. */
  private burst(sig: LogSignature, buckets: Uint32Array, ratePerMs: number): LogFinding | undefined {
    const { factor, minCount } = this.settings.burst;
    const expected = ratePerMs * this.bucketMs;
    const threshold = Math.max(minCount, factor * expected);
    let firstHit = -1;
    let lastHit = -1;
    let peak = 0;
    for (let b = 0; b < buckets.length; b++) {
      if (buckets[b] >= threshold) {
        if (firstHit < 0) firstHit = b;
        lastHit = b;
      }
      if (buckets[b] > peak) peak = buckets[b];
    }
    if (firstHit < 0) return undefined;
    const start = this.settings.window.start;
    const time = start + firstHit * this.bucketMs;
    const ratio = expected > 0 ? peak / expected : Infinity;
    const perMinute = ratePerMs * MINUTE;
    return {
      kind: 'burst',
      time,
      endTime: Math.min(this.settings.window.end, start + (lastHit + 1) * this.bucketMs),
      source: this.source,
      signature: { id: sig.id, template: sig.template, level: sig.level },
      detail: `Burst: ${peak} in ${describe.minutes(this.bucketMs)} from ${describe.time(time)}, baseline ${describe.rate(perMinute)}/min (×${describe.ratio(ratio)})`,
      example: sig.example,
      measure: { observed: peak, expected, ratio, minutes: this.bucketMs / MINUTE },
    };
  }

  private countSuccess(entry: LogEntry, at: number | undefined, inWindow: boolean): void {
    if (!this.isSuccess || at === undefined || !this.isSuccess(entry)) return;
    if (!inWindow) {
      this.baselineSuccesses++;
      if (!this.lastBaselineSuccess || (this.lastBaselineSuccess.time ?? 0) <= at) this.lastBaselineSuccess = lightCopy(entry, 1024);
      return;
    }
    const m = Math.floor((at - this.settings.window.start) / MINUTE);
    this.successPerMinute.set(m, (this.successPerMinute.get(m) ?? 0) + 1);
    const prev = this.lastSuccessInMinute.get(m);
    if (!prev || (prev.time ?? 0) <= at) this.lastSuccessInMinute.set(m, lightCopy(entry, 1024));
  }

  private successDrops(baselinePerMinute: number): LogFinding[] {
    const { fraction, minutes, minBaselinePerMinute } = this.settings.successDrop;
    if (baselinePerMinute < minBaselinePerMinute || this.latest === -Infinity) return [];
    const start = this.settings.window.start;
    // Only complete minutes between the window's first and last entries are judged.
    const first = Math.max(0, Math.floor((this.earliestInWindow - start) / MINUTE));
    const judged = Math.floor((Math.min(this.latest, this.settings.window.end) - start) / MINUTE);
    const limit = fraction * baselinePerMinute;
    const out: LogFinding[] = [];
    let runStart = -1;
    let runSum = 0;
    for (let m = first; m <= judged; m++) {
      const count = this.successPerMinute.get(m) ?? 0;
      if (m < judged && count < limit) {
        if (runStart < 0) runStart = m;
        runSum += count;
        continue;
      }
      if (runStart >= 0 && m - runStart >= minutes && out.length < MAX_DROP_FINDINGS) out.push(this.drop(runStart, m, runSum, baselinePerMinute));
      runStart = -1;
      runSum = 0;
    }
    return out;
  }

  private drop(from: number, to: number, sum: number, baselinePerMinute: number): LogFinding {
    const time = this.settings.window.start + from * MINUTE;
    const n = to - from;
    const observed = sum / n;
    let example = this.lastBaselineSuccess;
    for (let m = from - 1; m >= 0 && m >= from - this.lastSuccessInMinute.size - 1; m--) {
      const e = this.lastSuccessInMinute.get(m);
      if (e) {
        example = e;
        break;
      }
    }
    const ratio = observed / baselinePerMinute;
    return {
      kind: 'successDrop',
      time,
      endTime: time + n * MINUTE,
      source: this.source,
      detail: `Successes dropped: ${describe.rate(observed)}/min for ${n} min from ${describe.time(time)}, baseline ${describe.rate(baselinePerMinute)}/min (${Math.round(ratio * 100)}%)`,
      example,
      measure: { observed, expected: baselinePerMinute, ratio, minutes: n },
    };
  }
}
