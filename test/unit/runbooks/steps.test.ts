import * as assert from 'assert';
import { parseRunbook } from '../../../src/core/runbooks/parse';

const md = (...lines: string[]): string => lines.join('\n');

describe('steps: fenced shell blocks', () => {
  it('only sh, bash and shell (and zsh, console transcripts) blocks are steps', () => {
    const rb = parseRunbook(
      'r.md',
      md(
        '# R',
        '```sh',
        'echo sh',
        '```',
        '```bash',
        'echo bash',
        '```',
        '```shell',
        'echo shell',
        '```',
        '```python',
        'print(1)',
        '```',
        '```yaml',
        'a: 1',
        '```',
        '```',
        'no language',
        '```',
        '```text',
        'echo text',
        '```',
        '```console',
        '$ kubectl get pods',
        'NAME READY',
        '```',
      ),
    );
    assert.deepStrictEqual(
      rb.steps.map((s) => [s.language, s.kind, s.command]),
      [
        ['sh', 'script', 'echo sh'],
        ['bash', 'script', 'echo bash'],
        ['shell', 'script', 'echo shell'],
        ['console', 'transcript', 'kubectl get pods'],
      ],
    );
    assert.deepStrictEqual(rb.steps[0]!.fence, { start: 1, end: 3 });
    assert.deepStrictEqual(rb.steps[0]!.content, { start: 2, end: 2 });
  });

  it('handles ~~~ fences, longer fences containing ``` and indented list blocks', () => {
    const rb = parseRunbook(
      'r.md',
      md(
        '## Restart',
        '~~~bash',
        'kubectl rollout restart deploy/api',
        '~~~',
        '````sh',
        'cat <<EOF',
        '```',
        'EOF',
        '````',
        '1. Scale',
        '   ```sh',
        '   kubectl scale deploy/api --replicas=3',
        '   ```',
      ),
    );
    assert.deepStrictEqual(
      rb.steps.map((s) => s.command),
      ['kubectl rollout restart deploy/api', 'cat <<EOF\n```\nEOF', 'kubectl scale deploy/api --replicas=3'],
    );
  });

  it('indented code blocks (four spaces) are not steps, and an unclosed fence is a warning, not a step', () => {
    const rb = parseRunbook('r.md', md('# R', '', '    rm -rf /', '', '```bash', 'echo never closed'));
    assert.deepStrictEqual(rb.steps, []);
    assert.deepStrictEqual(
      rb.diagnostics.map((d) => [d.code, d.line]),
      [['fence.unclosed', 4]],
    );
  });

  it('ids come from the marker or the heading, and stay unique', () => {
    const rb = parseRunbook(
      'r.md',
      md('## Check the pods', '```bash {#pods title="List pods"}', 'kubectl get pods', '```', '```bash', 'kubectl get svc', '```', '```bash', 'kubectl get ns', '```'),
    );
    assert.deepStrictEqual(
      rb.steps.map((s) => [s.id, s.explicitId, s.title]),
      [
        ['pods', true, 'List pods'],
        ['check-the-pods', false, undefined],
        ['check-the-pods-2', false, undefined],
      ],
    );
    assert.deepStrictEqual(rb.steps[1]!.headingPath, ['Check the pods']);
  });

  it('blocks inside block quotes are read without the quote markers', () => {
    const rb = parseRunbook('r.md', md('> ```sh', '> echo quoted', '> ```'));
    assert.deepStrictEqual(
      rb.steps.map((s) => s.command),
      ['echo quoted'],
    );
  });
});

describe('levers', () => {
  it('come from info string attributes, marker comments and the front matter', () => {
    const rb = parseRunbook(
      'r.md',
      md(
        '---',
        'title: L',
        'levers:',
        '  restart: restart-api',
        '  disable-flag: Turn off the new checkout',
        '  failover: no such thing',
        '---',
        '## Roll back',
        '```bash {#rollback-api lever=rollback}',
        'kubectl rollout undo deploy/api',
        '```',
        '## Restart',
        '<!-- lever: scale -->',
        '```sh',
        'kubectl scale deploy/api --replicas=6',
        '```',
        '```sh {#restart-api}',
        'kubectl rollout restart deploy/api',
        '```',
        '## Turn off the new checkout',
        'In the admin console, switch off `new-checkout`.',
      ),
    );
    const levers = rb.levers.map((l) => [l.kind, l.label, l.source, l.stepIds]);
    assert.deepStrictEqual(levers, [
      ['rollback', 'Roll back', 'infoString', ['rollback-api']],
      ['scale', 'Restart', 'comment', ['restart']],
      ['restart', 'Restart', 'frontMatter', ['restart-api']],
      ['disable-flag', 'Turn off the new checkout', 'frontMatter', []],
    ]);
    const unresolved = rb.diagnostics.filter((d) => d.code === 'lever.unresolved');
    assert.strictEqual(unresolved.length, 1);
    assert.strictEqual(unresolved[0]!.line, 5);
    assert.strictEqual(rb.steps.find((s) => s.id === 'restart-api')!.lever?.kind, 'restart');
  });
});
