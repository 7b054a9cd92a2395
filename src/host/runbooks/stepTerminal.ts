import * as vscode from 'vscode';

export interface TerminalRun {
  exitCode?: number;
  durationMs?: number;
  output?: string;
  /** Why output or exit code is missing. */
  note?: string;
}

/** How long to wait for a new terminal's shell integration before sending text instead. */
const INTEGRATION_WAIT_MS = 4000;

/** A terminal per runbook, reused while it is open, so the person sees every step's output. */
export function terminalFor(name: string, cwd: vscode.Uri | undefined): vscode.Terminal {
  const existing = vscode.window.terminals.find((t) => t.name === name && t.exitStatus === undefined);
  return existing ?? vscode.window.createTerminal({ name, ...(cwd ? { cwd } : {}) });
}

function waitForIntegration(terminal: vscode.Terminal, ms: number): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(terminal.shellIntegration);
    }, ms);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.shellIntegration);
    });
  });
}

/**
 * Runs the confirmed command in the terminal. With shell integration the exit code and output
 * are read from the execution; without it the text is sent as typed and the entry says that
 * output could not be captured. A command still running after `timeoutMs` is recorded as such.
 */
export async function runInTerminal(terminal: vscode.Terminal, command: string, timeoutMs: number): Promise<TerminalRun> {
  terminal.show(true);
  const integration = await waitForIntegration(terminal, INTEGRATION_WAIT_MS);
  const started = Date.now();
  if (!integration) {
    terminal.sendText(command, true);
    return { note: 'Output and exit code could not be captured: this terminal has no shell integration. See the terminal for the result.' };
  }
  const execution = integration.executeCommand(command);
  let output = '';
  const reading = (async () => {
    try {
      for await (const chunk of execution.read()) {
        output += chunk;
        if (output.length > 256 * 1024) output = output.slice(-128 * 1024);
      }
    } catch {
      // The stream ends with the terminal; what was read is kept.
    }
  })();
  const ended = await new Promise<vscode.TerminalShellExecutionEndEvent | undefined>((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, timeoutMs);
    const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
      if (e.execution !== execution) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
  const durationMs = Date.now() - started;
  if (!ended) {
    return { durationMs, output, note: `Still running after ${Math.round(timeoutMs / 1000)} s when this was recorded; exit code not captured.` };
  }
  // The stream may deliver its last chunk just after the end event.
  await Promise.race([reading, new Promise((r) => setTimeout(r, 500))]);
  return {
    durationMs,
    output,
    ...(ended.exitCode !== undefined ? { exitCode: ended.exitCode } : { note: 'The shell did not report an exit code.' }),
  };
}
