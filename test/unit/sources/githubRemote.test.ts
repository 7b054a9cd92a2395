import * as assert from 'node:assert/strict';
import { parseGitHubRemote } from '../../../src/sources/github/remote';

describe('GitHub repository from a git remote', () => {
  const table: [string, string | undefined, string?][] = [
    ['https://github.com/acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['https://github.com/acme/checkout', 'github.com acme/checkout https://api.github.com'],
    ['https://github.com/acme/checkout/', 'github.com acme/checkout https://api.github.com'],
    ['https://x-access-token:ghp_secret@github.com/acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['git+https://github.com/acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['git@github.com:acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['github.com:acme/checkout', 'github.com acme/checkout https://api.github.com'],
    ['ssh://git@github.com/acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['ssh://git@ssh.github.com:443/acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['git@github.com-work:acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['git://github.com/acme/checkout.git', 'github.com acme/checkout https://api.github.com'],
    ['https://github.example.com/team/shop.git', 'github.example.com team/shop https://github.example.com/api/v3'],
    ['https://github.example.com:8443/team/shop.git', 'github.example.com:8443 team/shop https://github.example.com:8443/api/v3'],
    ['git@github.example.com:team/shop.git', 'github.example.com team/shop https://github.example.com/api/v3'],
    ['ssh://git@github.example.com:2222/team/shop.git', 'github.example.com team/shop https://github.example.com/api/v3'],
    ['git@code.acme.corp:team/shop.git', 'code.acme.corp team/shop https://code.acme.corp/api/v3', 'code.acme.corp'],
    ['git@code.acme.corp:team/shop.git', undefined],
    ['https://gitlab.com/group/sub/proj.git', undefined],
    ['https://github.com/acme/checkout/tree/main', undefined],
    ['https://github.com/acme', undefined],
    ['https://github.com/acme/..', undefined],
    ['/srv/git/repo.git', undefined],
    ['javascript:alert(1)//github.com/a/b', undefined],
    ['', undefined],
  ];
  for (const [url, want, enterprise] of table) {
    it(`${url || '(empty)'}${enterprise ? ` with ${enterprise}` : ''}`, () => {
      const r = parseGitHubRemote(url, { enterpriseHosts: enterprise ? [enterprise] : [] });
      assert.equal(r ? `${r.host} ${r.owner}/${r.name} ${r.apiBaseUrl}` : undefined, want);
      if (r) assert.equal(r.webUrl, `https://${r.host}/${r.owner}/${r.name}`);
    });
  }
});
