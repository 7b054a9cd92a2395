import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SettingKeys } from '../../src/core/ids';
import { riskPatternsOf, settingsFrom } from '../../src/core/settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
};
const defaults = (key: string): unknown => manifest.contributes.configuration.properties[`${SettingKeys.section}.${key}`]?.default;

describe('settingsFrom (the typed settings the extension and the command line share)', () => {
  it("falls back to exactly the manifest's defaults when nothing is set", () => {
    assert.deepEqual(settingsFrom(() => undefined), settingsFrom(defaults));
  });

  it('reads set values and ignores malformed ones', () => {
    const values: Record<string, unknown> = {
      [SettingKeys.changesBranches]: 'pushed',
      [SettingKeys.changesMaxCommits]: 3,
      [SettingKeys.sentryProjects]: [' web ', 7, ''],
      [SettingKeys.incidentsFolder]: '  ops/incidents ',
      [SettingKeys.githubEnabled]: false,
      [SettingKeys.runbooksFlagsFile]: './config/flags.yml',
      [SettingKeys.changesRiskPatterns]: { flags: ['toggles/*.json'] },
    };
    const s = settingsFrom((k) => values[k]);
    assert.equal(s.changesBranches, 'pushed');
    assert.equal(s.changesMaxCommits, 500, 'below the minimum: the default');
    assert.deepEqual(s.sentry.projects, ['web']);
    assert.equal(s.incidentsFolder, 'ops/incidents');
    assert.equal(s.github.enabled, false);
    assert.deepEqual(riskPatternsOf(s).flags, ['toggles/*.json', 'config/flags.yml']);
  });
});
