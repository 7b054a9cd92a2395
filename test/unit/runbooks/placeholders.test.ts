import * as assert from 'assert';
import { fillPlaceholders, findPlaceholders, isPlainShellWord, missingPlaceholders, placeholderNames } from '../../../src/core/runbooks/placeholders';
import { parseRunbook } from '../../../src/core/runbooks/parse';

describe('placeholders', () => {
  it('finds {{name}} and ${NAME} with their positions', () => {
    const refs = findPlaceholders('kubectl -n {{ namespace }} rollout undo deploy/${SERVICE}\necho {{namespace}}');
    assert.deepStrictEqual(
      refs.map((r) => [r.name, r.syntax, r.raw, r.line, r.column]),
      [
        ['namespace', 'mustache', '{{ namespace }}', 0, 11],
        ['SERVICE', 'env', '${SERVICE}', 0, 47],
        ['namespace', 'mustache', '{{namespace}}', 1, 5],
      ],
    );
    assert.deepStrictEqual(placeholderNames('a {{x}} ${Y} {{x}}'), ['x', 'Y']);
  });

  it('skips shell-provided variables, variables the step assigns, Go template words and $lowercase', () => {
    const text = 'echo ${HOME} ${PATH}\nNS=prod\necho ${NS}\nkubectl get -o go-template="{{range .items}}{{end}}"\necho $lower ${lower}';
    assert.deepStrictEqual(placeholderNames(text), []);
  });

  it('fills values and reports what is missing', () => {
    const text = 'kubectl -n {{namespace}} delete pod ${POD}';
    assert.deepStrictEqual(missingPlaceholders(text, { namespace: 'prod' }), ['POD']);
    const filled = fillPlaceholders(text, new Map([
      ['namespace', 'prod'],
      ['POD', 'api-1'],
    ]));
    assert.strictEqual(filled.text, 'kubectl -n prod delete pod api-1');
  });

  it('tells plain shell words from values that need care', () => {
    assert.strictEqual(isPlainShellWord('orders-api'), true);
    assert.strictEqual(isPlainShellWord('prod; rm -rf /'), false);
    assert.strictEqual(isPlainShellWord('$(whoami)'), false);
    assert.strictEqual(isPlainShellWord(''), false);
  });

  it('steps list their placeholders with file positions', () => {
    const rb = parseRunbook('r.md', ['# R', '', '```bash', 'kubectl -n {{namespace}} get pods', '```'].join('\n'));
    assert.deepStrictEqual(rb.placeholders, ['namespace']);
    assert.deepStrictEqual(
      rb.steps[0]!.placeholderRefs.map((r) => [r.line, r.column]),
      [[3, 11]],
    );
  });
});
