import * as vscode from 'vscode';
import type { TimeWindow } from '../../core/model/changes';
import type { StackFrame } from '../../core/model/errors';
import { Commands, SettingKeys, Views } from '../../core/ids';
import type { Log } from '../log';
import { withProgress } from '../progress';
import { affectsSettings } from '../settings';
import type { Credentials } from '../sources/credentials';
import { ErrorDecorations } from './errorDecorations';
import { ErrorsModel } from './errorsModel';
import { ErrorsTreeProvider, type ErrorNode } from './errorsTree';
import { FrameFiles, openFrame } from './frameFiles';

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

/** A rendered Errors row, as the API returns it to tests. */
export interface ErrorsSnapshotNode {
  type: ErrorNode['type'];
  label: string;
  description?: string;
  icon?: string;
  command?: string;
  children?: ErrorsSnapshotNode[];
}

export interface ErrorsSnapshot {
  state: string;
  description?: string;
  nodes: ErrorsSnapshotNode[];
  decorations: Record<string, { line: number; text: string }[]>;
}

/** The Errors view, its commands and the editor decorations, wired together. */
export class ErrorsFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly files = this.own(new FrameFiles());
  readonly model: ErrorsModel;
  readonly tree: ErrorsTreeProvider;
  readonly decorations: ErrorDecorations;

  constructor(
    context: vscode.ExtensionContext,
    log: Log,
    private readonly credentials: Credentials,
    readonly view: vscode.TreeView<ErrorNode>,
    register: Register,
    windowOf: () => TimeWindow,
    latestDeployTime: () => number | undefined,
  ) {
    this.model = this.own(new ErrorsModel(log, credentials, windowOf, latestDeployTime));
    this.tree = this.own(new ErrorsTreeProvider(this.model, this.files));
    this.decorations = this.own(new ErrorDecorations(this.model, this.files, () => vscode.Uri.joinPath(context.extensionUri, 'media', 'error-gutter.svg')));

    register(Commands.errorsRefresh, () => this.refresh());
    register(Commands.errorsOpenFrame, (frame: StackFrame) => openFrame(this.files, frame));
    register(Commands.errorsOpenInSentry, (node?: ErrorNode) => {
      const link = node?.type === 'issue' ? node.issue.permalink : undefined;
      if (link) void vscode.env.openExternal(vscode.Uri.parse(link, true));
    });
    register(Commands.setSentryToken, async (value?: string) => {
      if (await credentials.setSentryToken(typeof value === 'string' ? value : undefined)) await this.refresh();
    });
    register(Commands.clearSentryToken, async () => {
      await credentials.clearSentryToken();
      await this.refresh();
    });
    register(Commands.openSourceSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:incident-desk.incident-desk sentry`));

    this.own(this.model.onDidChange(() => this.describe()));
    this.own(credentials.onDidChange((which) => {
      if (which === 'sentry') void this.model.refresh();
    }));
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'sentry', SettingKeys.framePathPrefixes, SettingKeys.demoData)) void this.model.refresh();
      }),
    );
  }

  refresh(): Promise<void> {
    return withProgress(Views.errors, 'Incident Desk: reading Sentry issues', (token) => this.model.refresh(token));
  }

  private describe(): void {
    const s = this.model.state;
    if (s.kind === 'ready') this.view.description = [s.window.label, `${s.issues.length} issues`, s.demo ? 'DEMO DATA' : ''].filter(Boolean).join(' · ');
    else if (s.kind === 'error') this.view.description = s.window.label;
    else this.view.description = undefined;
  }

  async snapshot(depth = 3): Promise<ErrorsSnapshot> {
    await this.model.ensureLoaded();
    const render = async (nodes: ErrorNode[], level: number): Promise<ErrorsSnapshotNode[]> =>
      Promise.all(
        nodes.map(async (n) => {
          const item = this.tree.getTreeItem(n);
          const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
          const out: ErrorsSnapshotNode = {
            type: n.type,
            label,
            description: typeof item.description === 'string' ? item.description : undefined,
            icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
            command: item.command?.command,
          };
          if (level < depth && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.children = await render(await this.tree.getChildren(n), level + 1);
          return out;
        }),
      );
    return { state: this.model.state.kind, description: this.view.description, nodes: await render(await this.tree.getChildren(), 0), decorations: this.decorations.snapshot() };
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
