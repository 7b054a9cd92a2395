import * as vscode from 'vscode';
import { Commands } from '../../core/ids';
import { parseRunbook } from '../../core/runbooks/parse';
import type { ChangesModel } from '../changes/changesModel';
import type { IncidentFeature } from '../incident/incidentFeature';
import type { Log } from '../log';
import { affectsSettings } from '../settings';
import { changedFileFindings, incidentFindings, type FindingsRegistry } from './findings';
import { flagsFileUri, readFlagsFile, toggleFlag } from './flagsFile';
import { flagName } from '../../core/runbooks/flags';
import { newRunbookFromIncident } from './newRunbook';
import { PlaceholderValues } from './placeholderValues';
import { RunbookCatalog } from './runbookCatalog';
import { RunbookLensProvider } from './runbookLenses';
import { RunbooksTreeProvider } from './runbooksTree';
import { StepRunner, type StepOutcome } from './stepRunner';

/** What tests and other features see of the Runbooks view. */
export interface RunbooksSnapshot {
  runbooks: { path: string; title: string; problems: number; steps: number }[];
  suggested: { path: string; title: string; score: number; reasons: string[] }[];
  /** The flags file as the view lists it; undefined when the setting is empty. */
  flags?: { path: string; error?: string; flags: { name: string; value: boolean }[] };
}

/**
 * Behind the Runbooks view: the catalog, the tree, CodeLenses, and the command handlers that
 * open, run, copy, pull levers and flip flags. Loaded on first use (it brings the YAML parser).
 */
export class RunbooksRuntime implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly catalog: RunbookCatalog;
  readonly lenses: RunbookLensProvider;
  readonly handlers = new Map<string, (...args: never[]) => unknown>();
  readonly tree: RunbooksTreeProvider;
  private readonly runner: StepRunner;

  constructor(
    state: vscode.Memento,
    log: Log,
    incidents: IncidentFeature,
    changes: ChangesModel,
    private readonly findings: FindingsRegistry,
  ) {
    const register = (id: string, fn: (...args: never[]) => unknown): void => void this.handlers.set(id, fn);
    this.catalog = this.own(new RunbookCatalog(this.findings, log));
    this.tree = this.own(new RunbooksTreeProvider(this.catalog, async () => (await incidents.activeIncident().catch(() => undefined)) !== undefined));
    this.runner = new StepRunner(incidents, new PlaceholderValues(state), log);
    this.own(this.findings.register(incidentFindings(incidents)));
    this.own(this.findings.register(changedFileFindings(changes)));
    this.lenses = this.own(new RunbookLensProvider(this.catalog));
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'runbooks.folders', 'runbooks.flagsFile')) void this.catalog.refresh();
      }),
    );
    const flagsWatcher = this.own(vscode.workspace.createFileSystemWatcher('**/*.{json,yaml,yml}'));
    this.own(flagsWatcher.onDidChange((uri) => uri.fsPath === flagsFileUri()?.fsPath && this.tree.refresh()));
    this.own(vscode.workspace.onDidSaveTextDocument((d) => d.uri.fsPath === flagsFileUri()?.fsPath && this.tree.refresh()));

    register(Commands.runbooksRefresh, () => this.catalog.refresh());
    register(Commands.runbooksOpen, (uri: vscode.Uri, line?: number) => this.open(uri, line));
    register(Commands.runbooksRunStep, (uri: vscode.Uri, stepId: string, timeoutMs?: number) => this.runStep(uri, stepId, undefined, timeoutMs));
    register(Commands.runbooksCopyStep, (uri: vscode.Uri, stepId: string) => this.copyStep(uri, stepId));
    register(Commands.runbooksPullLever, (uri: vscode.Uri, label: string, kind: string) => this.pullLever(uri, label, kind));
    register(Commands.runbooksToggleFlag, async (flagPath: string[]) => {
      const changed = await toggleFlag(incidents, log, flagPath);
      this.tree.refresh();
      return changed;
    });
    register(Commands.newRunbookFromIncident, async () => {
      const uri = await newRunbookFromIncident(incidents, this.findings);
      if (uri) await this.catalog.refresh();
      return uri;
    });
  }

  async snapshot(): Promise<RunbooksSnapshot> {
    await this.catalog.ensureLoaded();
    const flags = await readFlagsFile();
    return {
      runbooks: this.catalog.files.map((f) => ({ path: f.relativePath, title: f.runbook.title, problems: f.runbook.diagnostics.length, steps: f.runbook.steps.length })),
      suggested: this.catalog.suggestions.map((s) => ({ path: s.runbook.path, title: s.runbook.title, score: s.score, reasons: s.reasons.map((r) => r.text) })),
      ...(flags
        ? {
            flags: {
              path: flags.relativePath,
              ...(flags.reading.ok ? {} : { error: flags.reading.message }),
              flags: flags.reading.ok ? flags.reading.flags.map((f) => ({ name: flagName(f), value: f.value })) : [],
            },
          }
        : {}),
    };
  }

  /** Beside the current editor, as a preview, so the code stays in view. */
  private async open(uri: vscode.Uri, line?: number): Promise<void> {
    const position = new vscode.Position(Math.max(0, line ?? 0), 0);
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection: new vscode.Range(position, position) });
  }

  private async stepOf(uri: vscode.Uri, stepId: string) {
    await this.catalog.ensureLoaded();
    const listed = this.catalog.fileFor(uri);
    // The text as it is now: the editor may have unsaved edits, or the file is not listed yet.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const relativePath = listed?.relativePath ?? vscode.workspace.asRelativePath(uri, false);
    const file = open ? { uri, relativePath, runbook: parseRunbook(relativePath, open.getText()) } : listed;
    const step = file?.runbook.steps.find((s) => s.id === stepId);
    if (!file || !step) throw new Error(`The step ${stepId} is no longer in this runbook.`);
    return { file, step };
  }

  private async runStep(uri: vscode.Uri, stepId: string, lever?: string, timeoutMs?: number): Promise<StepOutcome> {
    const { file, step } = await this.stepOf(uri, stepId);
    return this.runner.run(file, step, { ...(lever ? { lever } : {}), ...(typeof timeoutMs === 'number' ? { timeoutMs } : {}) });
  }

  private async copyStep(uri: vscode.Uri, stepId: string): Promise<string> {
    const { step } = await this.stepOf(uri, stepId);
    await vscode.env.clipboard.writeText(step.command);
    vscode.window.setStatusBarMessage(`Incident Desk: copied step ${step.id}`, 3000);
    return step.command;
  }

  private async pullLever(uri: vscode.Uri, label: string, kind: string): Promise<StepOutcome | undefined> {
    await this.catalog.ensureLoaded();
    const file = this.catalog.fileFor(uri);
    const lever = file?.runbook.levers.find((l) => l.label === label && l.kind === kind);
    if (!file || !lever) return undefined;
    if (lever.stepIds.length === 0) {
      await this.open(uri, lever.line);
      void vscode.window.showInformationMessage(`“${label}” has no command to run; the runbook says how to do it by hand.`);
      return undefined;
    }
    let stepId = lever.stepIds[0] as string;
    if (lever.stepIds.length > 1) {
      const pick = await vscode.window.showQuickPick(lever.stepIds, { title: `Lever “${label}”: which step?` });
      if (!pick) return undefined;
      stepId = pick;
    }
    return this.runStep(uri, stepId, kind);
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
