/**
 * Child process for the concurrency test: appends `count` entries to one incident file through
 * appendEntryToFile and prints the hypothesis ids it was given as JSON.
 * Usage: node appendWorker.js <file> <worker> <count>
 */

import { appendEntryToFile } from '../../../src/core/timeline/fileAppend';

async function main(): Promise<void> {
  const [file, worker, count] = process.argv.slice(2);
  if (!file || !worker || !count) throw new Error('usage: appendWorker <file> <worker> <count>');
  const ids: string[] = [];
  for (let n = 0; n < Number(count); n++) {
    const hypothesis = n % 4 === 0;
    const result = await appendEntryToFile(
      file,
      {
        kind: hypothesis ? 'hypothesis' : 'observation',
        author: `Worker ${worker}`,
        text: `worker ${worker} entry ${n}${n % 10 === 0 ? '\nwith a second line' : ''}`,
      },
      { timeoutMs: 15_000 },
    );
    if (result.entry.hypothesis) ids.push(result.entry.hypothesis);
  }
  process.stdout.write(JSON.stringify({ worker, ids }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
