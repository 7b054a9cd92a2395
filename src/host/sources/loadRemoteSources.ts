import * as path from 'node:path';
import type * as RemoteSources from './remoteSources';

let loaded: typeof RemoteSources | undefined;

/** dist/remote-sources.js, next to dist/extension.js; required when a view first needs it. */
export function remoteSources(): typeof RemoteSources {
  const file = path.join(__dirname, 'remote-sources.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(file) as typeof RemoteSources);
}
