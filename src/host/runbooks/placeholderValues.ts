import * as vscode from 'vscode';
import { oneLine } from '../../core/runbooks/text';

const PREFIX = 'incidentDesk.runbooks.placeholders:';

/**
 * Placeholder values are remembered per incident in workspaceState (keyed by the incident
 * file), not in the incident file: a value such as a namespace or a host name is working state,
 * and writing it into the timeline would add lines nobody logged. What a step ran, with the
 * values filled in, is what the timeline records.
 */
export class PlaceholderValues {
  constructor(private readonly state: vscode.Memento) {}

  private key(incident: vscode.Uri | undefined): string {
    return PREFIX + (incident?.toString() ?? 'no-incident');
  }

  get(incident: vscode.Uri | undefined): Record<string, string> {
    const stored = this.state.get<Record<string, string>>(this.key(incident));
    return stored && typeof stored === 'object' ? { ...stored } : {};
  }

  /** Asks for each name without a value; undefined when the person cancels. */
  async ask(incident: vscode.Uri | undefined, names: readonly string[], runbookTitle: string): Promise<Record<string, string> | undefined> {
    const values = this.get(incident);
    let changed = false;
    for (const name of names) {
      if (values[name]?.trim()) continue;
      const value = await vscode.window.showInputBox({
        title: `Runbook “${oneLine(runbookTitle, 60)}”`,
        prompt: `Value for ${name}${incident ? ' (remembered for this incident)' : ''}`,
        placeHolder: name,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? 'Enter a value' : /[\r\n]/.test(v) ? 'One line only' : undefined),
      });
      if (value === undefined) return undefined;
      values[name] = value.trim();
      changed = true;
    }
    if (changed) await this.state.update(this.key(incident), values);
    return values;
  }
}
