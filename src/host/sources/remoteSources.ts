/**
 * The HTTP clients of Sentry, GitHub and the log sources (Loki, Elasticsearch, files, commands), bundled apart (dist/remote-sources.js) and loaded on
 * first use: their libraries would otherwise triple the time it takes to load the extension.
 */
export { SentryClient } from '../../sources/sentry/sentryClient';
export { GitHubClient } from '../../sources/github/githubClient';
export { failed, readLogSource } from '../../sources/logs/readLogSource';
