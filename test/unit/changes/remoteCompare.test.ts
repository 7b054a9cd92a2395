import * as assert from 'node:assert/strict';
import { classifyContent, tooLargeFromFailure, decodeSideQuery, describeComparedFile, encodeSideQuery, MAX_DIFF_BYTES, notDiffable, sidesOf } from '../../../src/core/changes/remoteCompare';
import type { ComparedFile } from '../../../src/core/model/deploys';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const file = (f: Partial<ComparedFile>): ComparedFile => ({ path: 'src/a.ts', status: 'modified', additions: 1, deletions: 2, ...f });

describe('comparing through GitHub: sides and contents', () => {
  it('reads each side from the right revision and path', () => {
    assert.deepEqual(sidesOf(file({}), BASE, HEAD), { left: { path: 'src/a.ts', ref: BASE }, right: { path: 'src/a.ts', ref: HEAD } });
    assert.deepEqual(sidesOf(file({ status: 'added' }), BASE, HEAD), { right: { path: 'src/a.ts', ref: HEAD } }, 'an added file has an empty left');
    assert.deepEqual(sidesOf(file({ status: 'deleted' }), BASE, HEAD), { left: { path: 'src/a.ts', ref: BASE } }, 'a removed file has an empty right');
    assert.deepEqual(sidesOf(file({ status: 'renamed', previousPath: 'src/old.ts' }), BASE, HEAD), { left: { path: 'src/old.ts', ref: BASE }, right: { path: 'src/a.ts', ref: HEAD } });
  });

  it('tells text from binary and too large', () => {
    assert.deepEqual(classifyContent(new TextEncoder().encode('const ü = 1;\n')), { kind: 'text', text: 'const ü = 1;\n' });
    assert.deepEqual(classifyContent(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])), { kind: 'binary', bytes: 6 });
    assert.deepEqual(classifyContent(new Uint8Array(MAX_DIFF_BYTES + 1)), { kind: 'tooLarge', bytes: MAX_DIFF_BYTES + 1 });
    assert.deepEqual(classifyContent(new Uint8Array(10), 5), { kind: 'tooLarge', bytes: 10 });
  });

  it('says why a file gets no diff', () => {
    const text = { kind: 'text', text: 'x' } as const;
    assert.equal(notDiffable(text, { kind: 'empty' }), undefined);
    assert.equal(notDiffable({ kind: 'empty' }, { kind: 'binary', bytes: 2048 }), 'a binary file (2.0 KB)');
    assert.match(notDiffable(text, { kind: 'tooLarge', bytes: 3 * 1024 * 1024 }) ?? '', /^too large to diff here \(3\.0 MB; the limit is 2\.0 MB\)$/);
  });

  it('reads a size-limit failure as "too large", not as an error', () => {
    assert.deepEqual(tooLargeFromFailure('badResponse', 'GitHub sent more than the size limit (40000000 bytes).'), { kind: 'tooLarge', bytes: 40_000_000 });
    assert.deepEqual(tooLargeFromFailure('badResponse', 'GitHub sent more than the size limit.'), { kind: 'tooLarge', bytes: 32 * 1024 * 1024 });
    assert.equal(tooLargeFromFailure('forbidden', 'This API returns blobs up to 100 MB in size. The requested blob is too large to fetch via the API {"errors":[{"code":"too_large"}]}')?.kind, 'tooLarge');
    assert.equal(tooLargeFromFailure('forbidden', 'Resource not accessible by integration'), undefined);
    assert.equal(tooLargeFromFailure('badResponse', 'the JSON is malformed'), undefined);
  });

  it('describes a compared file for the listing', () => {
    assert.equal(describeComparedFile(file({})), 'modified · +1 −2');
    assert.equal(describeComparedFile(file({ status: 'deleted', additions: 0 })), 'removed · +0 −2');
    assert.equal(describeComparedFile(file({ status: 'renamed', previousPath: 'src/old.ts' })), 'renamed from src/old.ts · +1 −2');
  });

  it('round-trips the side query and refuses one that leaves the repository or is not a commit id', () => {
    const q = { root: '/w/repo', path: 'src/a b.ts', ref: HEAD };
    assert.deepEqual(decodeSideQuery(encodeSideQuery(q)), q);
    assert.equal(decodeSideQuery('{not json'), undefined);
    assert.equal(decodeSideQuery(encodeSideQuery({ ...q, path: '../etc/passwd' })), undefined);
    assert.equal(decodeSideQuery(encodeSideQuery({ ...q, path: '/etc/passwd' })), undefined);
    assert.equal(decodeSideQuery(encodeSideQuery({ ...q, ref: 'main; rm -rf' })), undefined);
  });
});
