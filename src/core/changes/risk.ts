import picomatch from 'picomatch';
import type { RiskKind } from '../model/changes';

/** Built-in globs per risk kind. Order of RISK_ORDER decides which icon a file gets. */
export const DEFAULT_RISK_PATTERNS: Readonly<Record<RiskKind, readonly string[]>> = {
  flags: [
    '**/*flag*.{json,yml,yaml,toml}',
    '**/*toggle*.{json,yml,yaml,toml}',
    '**/features.{json,yml,yaml}',
    '**/feature-flags/**',
    '**/flags/**',
  ],
  migration: [
    '**/migrations/**',
    '**/migrate/**',
    '**/db/migrate/**',
    '**/alembic/versions/**',
    '**/flyway/**',
    '**/liquibase/**',
    '**/*.migration.{sql,ts,js}',
  ],
  config: [
    '**/config/**',
    '**/configs/**',
    '**/conf/**',
    '**/settings/**',
    '**/.env',
    '**/.env.*',
    '**/*.env',
    '**/application*.{yml,yaml,properties}',
    '**/appsettings*.json',
    '**/*.ini',
    '**/*.conf',
  ],
  infrastructure: [
    '**/Dockerfile',
    '**/Dockerfile.*',
    '**/*.dockerfile',
    '**/docker-compose*.{yml,yaml}',
    '**/compose.{yml,yaml}',
    '**/k8s/**',
    '**/kubernetes/**',
    '**/helm/**',
    '**/charts/**',
    '**/Chart.yaml',
    '**/kustomization.{yml,yaml}',
    '**/*.tf',
    '**/*.tfvars',
    '**/terraform/**',
    '**/serverless.{yml,yaml}',
    '**/Procfile',
  ],
  dependency: [
    '**/package.json',
    '**/package-lock.json',
    '**/npm-shrinkwrap.json',
    '**/yarn.lock',
    '**/pnpm-lock.yaml',
    '**/requirements*.txt',
    '**/Pipfile',
    '**/Pipfile.lock',
    '**/poetry.lock',
    '**/pyproject.toml',
    '**/go.mod',
    '**/go.sum',
    '**/Cargo.toml',
    '**/Cargo.lock',
    '**/Gemfile',
    '**/Gemfile.lock',
    '**/pom.xml',
    '**/build.gradle',
    '**/build.gradle.kts',
    '**/gradle.lockfile',
    '**/composer.json',
    '**/composer.lock',
    '**/*.csproj',
    '**/packages.lock.json',
    '**/mix.exs',
    '**/mix.lock',
  ],
  ci: [
    '.github/workflows/**',
    '.github/actions/**',
    '.gitlab-ci.yml',
    '**/Jenkinsfile',
    '.circleci/**',
    'azure-pipelines.yml',
    '.buildkite/**',
    '.travis.yml',
    'bitbucket-pipelines.yml',
    '.drone.yml',
  ],
};

/** Most specific first: a flags file under config/ is shown as a flags change. */
export const RISK_ORDER: readonly RiskKind[] = ['flags', 'migration', 'config', 'infrastructure', 'dependency', 'ci'];

export const RISK_LABELS: Readonly<Record<RiskKind, string>> = {
  flags: 'feature flags',
  migration: 'database migration',
  config: 'configuration',
  infrastructure: 'infrastructure',
  dependency: 'dependencies',
  ci: 'CI configuration',
};

export type RiskPatterns = Partial<Record<RiskKind, readonly string[]>>;

export type RiskClassifier = (path: string) => RiskKind[];

/** Builds a classifier from the built-in globs plus the user's extra ones. */
export function createRiskClassifier(extra: RiskPatterns = {}): RiskClassifier {
  // Each glob is compiled once by picomatch; a cheap substring test on the glob's longest
  // literal part skips the regular expression for the many paths that cannot match.
  const matchers = RISK_ORDER.map((kind) => {
    const globs = [...DEFAULT_RISK_PATTERNS[kind], ...(extra[kind] ?? []).filter((g) => typeof g === 'string' && g.length > 0)];
    return { kind, globs: globs.map((g) => ({ hint: literalHint(g), re: picomatch.makeRe(g, { dot: true, nocase: true }) })) };
  });
  const cache = new Map<string, RiskKind[]>();
  return (path: string) => {
    let hit = cache.get(path);
    if (!hit) {
      hit = [];
      const lower = path.toLowerCase();
      for (const m of matchers) if (m.globs.some((g) => lower.includes(g.hint) && g.re.test(path))) hit.push(m.kind);
      if (cache.size > 200_000) cache.clear();
      cache.set(path, hit);
    }
    return hit;
  };
}

/** The longest run of literal characters every match of `glob` must contain (lower case). */
export function literalHint(glob: string): string {
  const mandatory = glob.replace(/\*\*\//g, '\0').replace(/\{[^}]*\}/g, '\0').replace(/\[[^\]]*\]/g, '\0');
  const runs = mandatory.split(/[*?!()\\\0+@]+/);
  return runs.reduce((best, run) => (run.length > best.length ? run : best), '').toLowerCase();
}

export function isRiskKind(value: string): value is RiskKind {
  return (RISK_ORDER as readonly string[]).includes(value);
}
