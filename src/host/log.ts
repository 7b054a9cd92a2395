import * as vscode from 'vscode';
import { redact } from '../core/redact';

/** Tokens and credentials that must never reach the log, whatever printed them. */
/** The one "Incident Desk" log channel, with a component tag on each line. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Incident Desk', { log: true });

  info(component: string, message: string): void {
    this.channel.info(`[${component}] ${redact(message)}`);
  }

  warn(component: string, message: string): void {
    this.channel.warn(`[${component}] ${redact(message)}`);
  }

  error(component: string, message: string, detail?: string): void {
    this.channel.error(`[${component}] ${redact(message)}${detail ? `\n${redact(detail)}` : ''}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
