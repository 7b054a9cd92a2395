import * as vscode from 'vscode';
import type { RunbookMatchContext } from '../../core/model/runbooks';
import type { ChangesModel } from '../changes/changesModel';
import type { IncidentFeature } from '../incident/incidentFeature';

/**
 * What runbook matching is fed: the findings of the moment. Each provider gives what it knows
 * (any field may be left out); the Runbooks view merges all of them. Sentry issues (error
 * titles), log signatures and alerts come from their own features: they register a provider
 * with `FindingsRegistry.register` and fire `onDidChange` when their findings change.
 */
export interface FindingsProvider {
  readonly id: string;
  readonly onDidChange?: vscode.Event<void>;
  findings(): Promise<RunbookMatchContext>;
}

export class FindingsRegistry implements vscode.Disposable {
  private readonly providers = new Map<string, { provider: FindingsProvider; sub?: vscode.Disposable }>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  register(provider: FindingsProvider): vscode.Disposable {
    this.providers.get(provider.id)?.sub?.dispose();
    const sub = provider.onDidChange?.(() => this.emitter.fire());
    this.providers.set(provider.id, { provider, ...(sub ? { sub } : {}) });
    this.emitter.fire();
    return new vscode.Disposable(() => {
      if (this.providers.get(provider.id)?.provider !== provider) return;
      sub?.dispose();
      this.providers.delete(provider.id);
      this.emitter.fire();
    });
  }

  /** Everything known now; a provider that fails is left out (its own view shows its error). */
  async collect(): Promise<RunbookMatchContext> {
    const results = await Promise.allSettled([...this.providers.values()].map((p) => p.provider.findings()));
    const merged: Required<RunbookMatchContext> = { services: [], errorTitles: [], logSignatures: [], alertNames: [], changedFiles: [] };
    for (const r of results) {
      if (r.status !== 'fulfilled') continue;
      for (const key of Object.keys(merged) as (keyof RunbookMatchContext)[]) {
        const values = r.value[key];
        if (values) (merged[key] as string[]).push(...values);
      }
    }
    return merged;
  }

  dispose(): void {
    for (const { sub } of this.providers.values()) sub?.dispose();
    this.providers.clear();
    this.emitter.dispose();
  }
}

/** The active incident's services, and log signatures or error titles quoted in its hypotheses. */
export function incidentFindings(incidents: IncidentFeature): FindingsProvider {
  return {
    id: 'incident',
    onDidChange: incidents.onDidChangeIncidents,
    async findings() {
      const active = await incidents.activeIncident();
      if (!active) return {};
      // Code spans in hypothesis text are what the responder saw; they count as log signatures.
      const quoted = active.parsed.hypotheses.flatMap((h) => [...h.text.matchAll(/`([^`\n]{8,300})`/g)].map((m) => m[1] as string));
      return { services: active.parsed.meta.services, logSignatures: quoted };
    },
  };
}

/** Paths changed in the window the Changes view has loaded (nothing when it has not loaded). */
export function changedFileFindings(changes: ChangesModel): FindingsProvider {
  return {
    id: 'changes',
    onDidChange: changes.onDidChange,
    async findings() {
      const files = new Set<string>();
      for (const repo of changes.repos) {
        if (repo.state.kind !== 'ready') continue;
        for (const group of repo.state.groups) {
          for (const row of group.rows) {
            const commits = row.kind === 'commit' ? [row.commit] : row.commits;
            for (const c of commits) for (const f of c.files) files.add(f.path);
          }
        }
      }
      return { changedFiles: [...files] };
    },
  };
}
