/** `incident-desk postmortem`: the blameless draft from the timeline, and committing it. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { postmortemPathFor, commitMessage } from '../../core/timeline/incidentText';
import { renderPostmortem } from '../../core/timeline/postmortem';
import { commitFiles, GitFailure } from '../../sources/git/incidentGit';
import { INCIDENT_FLAG, str } from '../args';
import type { CommandSpec } from '../context';
import { CliError, ExitCode, usageError } from '../exitCodes';
import { readIncidentAt, targetIncident } from '../incidentTarget';
import { safe } from '../output';

export const postmortemCommand: CommandSpec = {
  name: 'postmortem',
  brief: 'Draft the postmortem from the timeline; --commit commits it',
  usage: 'postmortem [--commit] [--force | --print]',
  summary:
    'Drafts the postmortem next to the incident file (<incident>.postmortem.md) from its timeline.\n' +
    'An existing draft is kept unless --force. With --commit, commits exactly the incident file and the\n' +
    'postmortem (drafting it first if there is none); other staged work stays out of the commit. Never pushes.',
  flags: {
    ...INCIDENT_FLAG,
    commit: { type: 'boolean', help: 'Commit the incident file and the postmortem' },
    force: { type: 'boolean', help: 'Replace an existing draft with a new one' },
    print: { type: 'boolean', help: 'Print the draft to stdout instead of writing it' },
  },
  async run(ctx) {
    const { ws, out, flags, now } = ctx;
    const v = flags.values;
    if (flags.positionals.length) throw usageError(`postmortem: unexpected argument '${flags.positionals[0]}'.`);
    if (v.print && (v.commit || v.force)) throw usageError('postmortem: --print writes nothing, so it goes with neither --commit nor --force.');
    const file = await targetIncident(ws, out, str(v.incident), ctx.cwd, true);
    const draft = renderPostmortem(file.parsed, now);
    if (v.print) {
      if (out.json) out.printJson({ file: file.path, postmortem: draft });
      else process.stdout.write(out.redact(draft));
      return 0;
    }
    const target = postmortemPathFor(file.path);
    const exists = await fsp.stat(target).then(() => true, () => false);
    let drafted = false;
    if (!exists || v.force) {
      await fsp.writeFile(target, draft, { flag: exists ? 'w' : 'wx' });
      drafted = true;
    } else if (!v.commit) {
      throw new CliError(ExitCode.failed, `${path.basename(target)} already exists; keeping it. Use --force to replace it with a new draft, or --commit to commit it.`);
    }
    let commit: { sha: string; subject: string; paths: string[] } | undefined;
    if (v.commit) {
      const fresh = await readIncidentAt(file.path);
      try {
        commit = await commitFiles([file.path, target], commitMessage(fresh.parsed.meta, fresh.name));
      } catch (e) {
        if (e instanceof GitFailure) throw new CliError(e.kind === 'notARepository' ? ExitCode.nothing : ExitCode.failed, e.message);
        throw e;
      }
    }
    if (out.json) {
      out.printJson({ file: file.path, postmortem: target, drafted, ...(commit ? { commit: { sha: commit.sha, subject: commit.subject, paths: commit.paths } } : {}) });
    } else {
      const rel = path.relative(process.cwd(), target) || target;
      if (drafted) out.line(`${out.c.green('Drafted')} ${rel}${exists ? ' (replaced the earlier draft)' : ''}`);
      if (commit) out.line(`${out.c.green('Committed')} ${out.c.yellow(commit.sha.slice(0, 8))} ${safe(commit.subject)} (${commit.paths.join(', ')}; not pushed)`);
    }
    return 0;
  },
};
