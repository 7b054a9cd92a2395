import * as assert from 'node:assert/strict';
import { commitUrl, parseRemote } from '../../../src/core/changes/remote';
import { displayText } from '../../../src/core/changes/display';
import { redact } from '../../../src/core/redact';

describe('remote URLs', () => {
  const sha = 'a'.repeat(40);
  const table: [string, string | undefined][] = [
    ['https://github.com/acme/checkout.git', `https://github.com/acme/checkout/commit/${sha}`],
    ['git@github.com:acme/checkout.git', `https://github.com/acme/checkout/commit/${sha}`],
    ['ssh://git@github.example.com:2222/acme/checkout.git', `https://github.example.com/acme/checkout/commit/${sha}`],
    ['https://gitlab.com/group/sub/proj', `https://gitlab.com/group/sub/proj/-/commit/${sha}`],
    ['git@bitbucket.org:team/repo.git', `https://bitbucket.org/team/repo/commits/${sha}`],
    ['https://user:secret@github.com/acme/x.git', `https://github.com/acme/x/commit/${sha}`],
    ['/srv/git/repo.git', undefined],
    ['https://example.com/acme/x.git', undefined],
    ['javascript:alert(1)//github.com/a/b', undefined],
  ];
  for (const [url, want] of table) {
    it(url, () => {
      const r = parseRemote(url);
      assert.equal(r ? commitUrl(r, sha) : undefined, want);
    });
  }
});

describe('display of outside text', () => {
  it('makes control and bidi characters visible and caps length', () => {
    assert.equal(displayText('a\u0007b\u202ec'), 'a\ufffdb\ufffdc');
    assert.equal(displayText('line1\nline2'), 'line1 line2');
    assert.equal(displayText('x'.repeat(500), 10).length, 10);
  });
});

describe('redaction', () => {
  it('removes tokens from log lines', () => {
    const line = 'GET https://api.github.com/x?access_token=abc123 Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123 https://u:pw@host/x';
    const out = redact(line);
    assert.doesNotMatch(out, /abc123|ghp_abcdef|:pw@/);
    assert.match(out, /\[redacted\]/);
  });
});
