// Renders a plausible npm lockfile (v3) for the demo repository from its package.json, so a
// dependency bump in the demo history changes package.json and package-lock.json together.
// Only direct dependencies and a few of their children are listed; integrity values are
// derived from name@version and are not real hashes.
import { createHash } from 'node:crypto';

const LICENSES = { '@types/express': 'MIT', '@types/node': 'MIT', '@types/pg': 'MIT', eslint: 'MIT', express: 'MIT',
  pg: 'MIT', pino: 'MIT', 'prom-client': 'Apache-2.0', tsx: 'MIT', typescript: 'Apache-2.0', vitest: 'MIT',
  yaml: 'ISC', zod: 'MIT' };

// Children pinned per parent version, as npm would have resolved them.
const CHILDREN = {
  'express@4.18.2': { 'body-parser': '1.20.1', cookie: '0.5.0', debug: '2.6.9', 'path-to-regexp': '0.1.7', qs: '6.11.0' },
  'pg@8.11.1': { 'pg-connection-string': '2.6.1', 'pg-pool': '3.6.1', 'pg-protocol': '1.6.0', 'pg-types': '2.2.0', pgpass: '1.0.5' },
  'pg@8.11.3': { 'pg-connection-string': '2.6.2', 'pg-pool': '3.6.1', 'pg-protocol': '1.6.0', 'pg-types': '2.2.0', pgpass: '1.0.5' },
  'pino@8.16.2': { 'fast-redact': '3.3.0', 'on-exit-leak-free': '2.1.2', 'sonic-boom': '3.7.0', 'thread-stream': '2.4.1' },
  'prom-client@15.0.0': { '@opentelemetry/api': '1.7.0', tdigest: '0.1.2' },
  'vitest@1.0.1': { '@vitest/expect': '1.0.1', '@vitest/runner': '1.0.1', vite: '5.0.4' },
};

export function renderLock(packageJsonText) {
  const pkg = JSON.parse(packageJsonText);
  const packages = {
    '': {
      name: pkg.name,
      version: pkg.version,
      dependencies: pkg.dependencies,
      devDependencies: pkg.devDependencies,
      engines: pkg.engines,
    },
  };
  const entries = {};
  const add = (name, version, dev, children) => {
    const key = `node_modules/${name}`;
    const entry = { version, integrity: fakeIntegrity(name, version), license: LICENSES[name] ?? 'MIT' };
    if (children) entry.dependencies = Object.fromEntries(Object.entries(children).map(([n, v]) => [n, `^${v}`]));
    if (dev) entry.dev = true;
    // A package needed by both prod and dev is not dev.
    if (!entries[key] || (entries[key].dev && !dev)) entries[key] = entry;
  };
  for (const [section, dev] of [['dependencies', false], ['devDependencies', true]]) {
    for (const [name, spec] of Object.entries(pkg[section] ?? {})) {
      const version = spec.replace(/^[\^~]/, '');
      const children = CHILDREN[`${name}@${version}`];
      add(name, version, dev, children);
      for (const [child, childVersion] of Object.entries(children ?? {})) add(child, childVersion, dev);
    }
  }
  for (const key of Object.keys(entries).sort()) packages[key] = entries[key];
  return JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages }, null, 2) + '\n';
}

function fakeIntegrity(name, version) {
  return 'sha512-' + createHash('sha512').update(`${name}@${version}`).digest('base64');
}
