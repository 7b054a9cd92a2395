/**
 * `incident-desk`: the command line over the same core as the extension, for terminals, scripts
 * and chat-ops. No editor: it imports src/core and src/sources only (a test checks the bundle).
 */
import * as path from 'path';
import { errorMessage } from '../core/errors';
import { helpText, parseFlags, str } from './args';
import type { CommandContext, CommandSpec } from './context';
import { CliError, ExitCode, type ExitStatus } from './exitCodes';
import { Output } from './output';
import { openWorkspace } from './workspace';
import { changesCommand } from './commands/changes';
import { errorsCommand } from './commands/errors';
import { confirmCommand, logCommand, refuteCommand, resolveCommand, startCommand } from './commands/incident';
import { logsCommand } from './commands/logs';
import { postmortemCommand } from './commands/postmortem';
import { suspectsCommand } from './commands/suspects';
import { timelineCommand } from './commands/timeline';

const COMMANDS: readonly CommandSpec[] = [
  changesCommand,
  startCommand,
  logCommand,
  confirmCommand,
  refuteCommand,
  resolveCommand,
  timelineCommand,
  errorsCommand,
  logsCommand,
  suspectsCommand,
  postmortemCommand,
];

const VERSION = '0.1.0';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.brief}`).join('\n');
  return `Usage: incident-desk <command> [options]

On-call investigation from a terminal, over the same incident files, settings and sources as the
Incident Desk extension. Reads incidentDesk.* from .vscode/settings.json of the repository.

Commands:
${rows}

Every command takes --json (for scripts), --help, -C <folder> and --no-color.
Tokens: INCIDENT_DESK_SENTRY_TOKEN, INCIDENT_DESK_GITHUB_TOKEN (or GITHUB_TOKEN); never printed.

Exit status: 0 ok · 1 a source failed (the others still printed) or the command failed
             2 usage error (bad command, flag or value) · 3 nothing to work on (no repository,
             no incident, source not configured) · 130 stopped with Ctrl-C
`;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ExitStatus> {
  const [name, ...rest] = argv;
  const earlyOut = new Output({ json: argv.includes('--json'), noColor: argv.includes('--no-color'), env });
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    process.stdout.write(topic ? helpText(topic.name, topic.usage, topic.summary, topic.flags, topic.extra) : overview());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    earlyOut.error(`unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')} (incident-desk --help)`);
    return ExitCode.usage;
  }
  let out = earlyOut;
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const flags = parseFlags(command.name, rest, command.flags);
    if (flags.values.help) {
      process.stdout.write(helpText(command.name, command.usage, command.summary, command.flags, command.extra));
      return ExitCode.ok;
    }
    out = new Output({ json: flags.values.json === true, noColor: flags.values['no-color'] === true, env });
    const ws = await openWorkspace({ cwd: str(flags.values.cwd), sentryToken: str(flags.values['sentry-token']), githubToken: str(flags.values['github-token']) }, out, env);
    const ctx: CommandContext = { flags, ws, out, now: Date.now(), cwd: path.resolve(str(flags.values.cwd) ?? process.cwd()), signal: abort.signal };
    const status = await command.run(ctx);
    return abort.signal.aborted ? ExitCode.interrupted : status;
  } catch (e) {
    out.clearProgress();
    if (abort.signal.aborted) {
      out.note('stopped');
      return ExitCode.interrupted;
    }
    if (e instanceof CliError) {
      if (out.json) out.printJson({ error: { status: e.status, message: e.message } });
      out.error(e.message);
      return e.status;
    }
    if (out.json) out.printJson({ error: { status: ExitCode.failed, message: errorMessage(e) } });
    out.error(errorMessage(e));
    if (env.INCIDENT_DESK_DEBUG && e instanceof Error && e.stack) out.note(e.stack);
    return ExitCode.failed;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

if (require.main === module) {
  // `incident-desk timeline | head`: the reader went away; that is not an error worth a stack.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      process.stderr.write(`incident-desk: ${errorMessage(e)}\n`);
      process.exitCode = ExitCode.failed;
    },
  );
}
