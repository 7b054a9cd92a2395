import * as vscode from 'vscode';
import { DEMO_TOKEN, isLoopback } from '../../core/demo';
import type { Log } from '../log';

const SENTRY_KEY = 'incidentDesk.sentry.token';
const GITHUB_KEY = 'incidentDesk.github.token';

/**
 * Tokens for Sentry and GitHub: SecretStorage, VS Code's GitHub sign-in for github.com, the demo
 * token for the local demo server. Never settings, never the log.
 */
export class Credentials implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<'sentry' | 'github'>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      secrets.onDidChange((e) => {
        if (e.key === SENTRY_KEY) this.emitter.fire('sentry');
        if (e.key === GITHUB_KEY) this.emitter.fire('github');
      }),
      vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === 'github') this.emitter.fire('github');
      }),
    );
  }

  async sentryToken(baseUrl: string, demo: boolean): Promise<string | undefined> {
    const stored = await this.secrets.get(SENTRY_KEY);
    if (stored) return stored;
    return demo && isLoopback(baseUrl) ? DEMO_TOKEN : undefined;
  }

  /**
   * github.com: the built-in sign-in (silently: no prompt during a refresh), else a stored token.
   * Enterprise and other API addresses: the stored token.
   */
  async githubToken(apiBaseUrl: string, demo: boolean): Promise<{ token?: string; via: 'session' | 'secret' | 'demo' | 'none' }> {
    if (/^https:\/\/api\.github\.com\/?$/.test(apiBaseUrl)) {
      try {
        const session = await vscode.authentication.getSession('github', ['repo'], { silent: true });
        if (session) return { token: session.accessToken, via: 'session' };
      } catch (e) {
        this.log.warn('github', `GitHub sign-in is not available here: ${String((e as Error)?.message ?? e)}`);
      }
    }
    const stored = await this.secrets.get(GITHUB_KEY);
    if (stored) return { token: stored, via: 'secret' };
    if (demo && isLoopback(apiBaseUrl)) return { token: DEMO_TOKEN, via: 'demo' };
    return { via: 'none' };
  }

  /** Asks for GitHub sign-in with a prompt (from an explicit "Sign in" action). */
  async signInToGitHub(): Promise<boolean> {
    try {
      return !!(await vscode.authentication.getSession('github', ['repo'], { createIfNone: true }));
    } catch (e) {
      void vscode.window.showWarningMessage(`GitHub sign-in failed: ${String((e as Error)?.message ?? e)}. For GitHub Enterprise, set a token instead.`);
      return false;
    }
  }

  async setSentryToken(value?: string): Promise<boolean> {
    const token = value ?? (await promptToken('Sentry auth token (scopes event:read, project:read, org:read)', 'sntrys_…'));
    if (!token) return false;
    await this.secrets.store(SENTRY_KEY, token);
    this.log.info('sentry', 'token stored in SecretStorage');
    return true;
  }

  async clearSentryToken(): Promise<void> {
    await this.secrets.delete(SENTRY_KEY);
    this.log.info('sentry', 'token removed');
  }

  async setGitHubToken(value?: string): Promise<boolean> {
    const token = value ?? (await promptToken('GitHub token for GitHub Enterprise Server (scope repo, or read access to deployments, pull requests and contents)', 'ghp_…'));
    if (!token) return false;
    await this.secrets.store(GITHUB_KEY, token);
    this.log.info('github', 'token stored in SecretStorage');
    return true;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

async function promptToken(prompt: string, placeHolder: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Incident Desk',
    prompt,
    placeHolder,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() && !/\s/.test(v.trim()) ? undefined : 'Paste the token (no spaces).'),
  });
  return value?.trim() || undefined;
}
