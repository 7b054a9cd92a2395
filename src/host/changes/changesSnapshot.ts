import type * as vscode from 'vscode';
import type { ChangesModel } from './changesModel';
import type { ChangeNode, ChangesTreeProvider } from './changesTree';

export interface SnapshotNode {
  type: ChangeNode['type'];
  label: string;
  description?: string;
  icon?: string;
  contextValue?: string;
  command?: string;
  children?: SnapshotNode[];
}

export interface ChangesSnapshot {
  state: ChangesModel['state'];
  windowSpec: string;
  nodes: SnapshotNode[];
}

/** The rendered tree as plain data, expanded to `depth` levels: what a person would read. */
export async function snapshotChanges(model: ChangesModel, tree: ChangesTreeProvider, depth = 4): Promise<ChangesSnapshot> {
  const walk = async (node: ChangeNode | undefined, level: number): Promise<SnapshotNode[]> => {
    const children = await tree.getChildren(node);
    return Promise.all(
      children.map(async (child) => {
        const item = tree.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
        const icon = item.iconPath && typeof item.iconPath === 'object' && 'id' in item.iconPath ? (item.iconPath as vscode.ThemeIcon).id : undefined;
        const out: SnapshotNode = {
          type: child.type,
          label,
          description: typeof item.description === 'string' ? item.description : undefined,
          icon,
          contextValue: item.contextValue,
          command: item.command?.command,
        };
        if (item.collapsibleState && level < depth) out.children = await walk(child, level + 1);
        return out;
      }),
    );
  };
  return { state: model.state, windowSpec: model.windowSpec, nodes: await walk(undefined, 1) };
}

/** The first node of the tree (walked to `depth`) that satisfies `match`. */
export async function findChangeNode(tree: ChangesTreeProvider, match: (node: ChangeNode) => boolean, depth = 4): Promise<ChangeNode | undefined> {
  const walk = async (node: ChangeNode | undefined, level: number): Promise<ChangeNode | undefined> => {
    for (const child of await tree.getChildren(node)) {
      if (match(child)) return child;
      if (level < depth) {
        const found = await walk(child, level + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(undefined, 1);
}
