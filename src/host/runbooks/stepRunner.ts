import * as vscode from 'vscode';
import type { RunbookStep } from '../../core/model/runbooks';
import { formatStepRun } from '../../core/runbooks/actionEntry';
import { fillPlaceholders } from '../../core/runbooks/placeholders';
import { oneLine } from '../../core/runbooks/text';
import type { Log } from '../log';
import type { IncidentFeature } from '../incident/incidentFeature';
import { authorName } from '../../sources/git/incidentGit';
import { appendToIncident } from '../incident/incidentWriter';
import type { PlaceholderValues } from './placeholderValues';
import type { RunbookFile } from './runbookCatalog';
import { runInTerminal, terminalFor } from './stepTerminal';

export type StepOutcome =
  | { ran: false; reason: 'untrusted' | 'cancelled' | 'notConfirmed' }
  | { ran: true; command: string; recorded: boolean; entryText: string };

export interface RunOptions {
  lever?: string;
  /** How long to wait for the command before recording it as still running. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Runs one step: only in a trusted workspace, only after the person confirms the exact command
 * (placeholders filled in), in a terminal named after the runbook; then records what ran in the
 * active incident's timeline.
 */
export class StepRunner {
  constructor(
    private readonly incidents: IncidentFeature,
    private readonly placeholders: PlaceholderValues,
    private readonly log: Log,
  ) {}

  async run(file: RunbookFile, step: RunbookStep, options: RunOptions = {}): Promise<StepOutcome> {
    const title = file.runbook.title;
    if (!vscode.workspace.isTrusted) {
      void vscode.window
        .showWarningMessage(`Runbook steps only run in a trusted workspace. “${oneLine(step.command, 60)}” was not run.`, 'Manage Workspace Trust')
        .then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
      return { ran: false, reason: 'untrusted' };
    }
    const incident = await this.incidents.activeIncident().catch(() => undefined);
    const values = await this.placeholders.ask(incident?.uri, step.placeholders, title);
    if (!values) return { ran: false, reason: 'cancelled' };
    const filled = fillPlaceholders(step.command, values);
    const command = filled.text;
    const notes = [
      incident ? `It will be recorded in the timeline of ${incident.name}.` : 'No incident is active, so this run will not be recorded.',
      filled.unsafe.length > 0 ? `Check the values of ${filled.unsafe.join(', ')}: they contain characters the shell interprets.` : '',
    ].filter(Boolean);
    const action = options.lever ? `Pull lever “${options.lever}”` : 'Run step';
    const choice = await vscode.window.showWarningMessage(
      `${action} of runbook “${oneLine(title, 80)}” in a terminal?`,
      { modal: true, detail: `${command}\n\n${notes.join('\n')}` },
      'Run',
    );
    if (choice !== 'Run') return { ran: false, reason: 'notConfirmed' };

    const folder = vscode.workspace.getWorkspaceFolder(file.uri)?.uri;
    const terminal = terminalFor(`Runbook: ${oneLine(title, 40)}`, folder);
    this.log.info('runbooks', `running step ${step.id} of ${file.relativePath}`);
    const result = await runInTerminal(terminal, command, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const entryText = formatStepRun({
      runbookTitle: title,
      runbookPath: file.relativePath,
      stepId: step.id,
      ...(options.lever ? { lever: options.lever } : {}),
      command,
      ...result,
    });
    if (!incident) return { ran: true, command, recorded: false, entryText };
    try {
      const author = await authorName(folder?.fsPath);
      await appendToIncident(incident.uri, { kind: 'action', author, text: entryText, links: [`${file.relativePath}:${step.fence.start + 1}`] });
      await (await this.incidents.loadedStore()).reload(incident.uri);
      vscode.window.setStatusBarMessage(`Incident Desk: recorded step ${step.id} in ${incident.name}`, 4000);
      return { ran: true, command, recorded: true, entryText };
    } catch (e) {
      this.log.error('runbooks', `could not record step ${step.id}: ${String(e)}`);
      void vscode.window.showErrorMessage(`The step ran, but it could not be recorded in ${incident.name}: ${(e as Error).message}`, 'Show Log').then((a) => a && this.log.show());
      return { ran: true, command, recorded: false, entryText };
    }
  }
}
