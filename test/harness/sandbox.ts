// A fresh set of folders for one editor run, so no state leaks between runs or from $HOME:
// user data (with quiet settings), extensions, browser profile, TMPDIR and XDG dirs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXTENSION_ID, PROJECT_ROOT, manifest } from './paths';
import { removeDir } from './util';

/** 'light' and 'dark' pick VS Code's default themes; any other string is a theme name. */
export type Theme = 'light' | 'dark' | (string & {});

const THEMES: Record<string, string> = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

export interface SandboxOptions {
  /** Used in the temp folder name. */
  name: string;
  /**
   * 'symlink': the project folder is linked into the (fresh) extensions dir as an installed
   * extension. 'none': nothing installed (integration loads it as a development extension).
   */
  install: 'symlink' | 'none';
  theme?: Theme;
  /** Extra user settings, merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** A fixed folder instead of a new temp folder (emptied first). */
  root?: string;
}

export interface Sandbox {
  root: string;
  userData: string;
  extensions: string;
  chromeProfile: string;
  tmp: string;
  configFile: string;
  /** Environment for code-server and the browser: keeps sockets, temp and XDG files inside. */
  env: NodeJS.ProcessEnv;
  /** Removes the folders unless KEEP_TMP=1. */
  dispose(): void;
}

/** Settings that keep the workbench quiet and deterministic for tests and screenshots. */
export function quietSettings(theme?: Theme): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'git.autofetch': false,
    'git.openRepositoryInParentFolders': 'never',
    'github.gitAuthentication': false,
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'editor.minimap.enabled': false,
  };
  if (theme) settings['workbench.colorTheme'] = THEMES[theme] ?? theme;
  return settings;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  let root: string;
  if (options.root) {
    root = path.resolve(options.root);
    removeDir(root);
    fs.mkdirSync(root, { recursive: true });
  } else {
    root = fs.mkdtempSync(path.join(os.tmpdir(), `incident-desk-${options.name}-`));
  }
  const dirs = {
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    chromeProfile: path.join(root, 'chrome-profile'),
    tmp: path.join(root, 'tmp'),
  };
  for (const dir of [...Object.values(dirs), path.join(dirs.userData, 'User')]) fs.mkdirSync(dir, { recursive: true });

  // Without its own config file code-server reads or creates ~/.config/code-server/config.yaml.
  const configFile = path.join(root, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const settings = { ...quietSettings(options.theme), ...options.settings };
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  if (options.install === 'symlink') {
    // Only a fresh extensions dir picks up a folder dropped into it (before extensions.json exists).
    fs.symlinkSync(PROJECT_ROOT, path.join(dirs.extensions, `${EXTENSION_ID}-${manifest.version}`), 'dir');
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
  };
  return {
    root,
    ...dirs,
    configFile,
    env,
    dispose: () => {
      if (process.env.KEEP_TMP !== '1') removeDir(root);
    },
  };
}
