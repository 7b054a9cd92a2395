import * as assert from 'node:assert/strict';
import { isSafeWorkspacePath, mapFrameToFile, WorkspaceFileIndex } from '../../../src/core/frames/mapFrame';
import type { FrameMatch } from '../../../src/core/frames/mapFrame';
import { normalizeFramePath } from '../../../src/core/frames/normalize';
import type { FrameLocation, FrameMappingOptions } from '../../../src/core/frames/normalize';
import { isThirdPartyPath } from '../../../src/core/frames/thirdParty';

const WORKSPACE = [
  'src/db/orders.ts',
  'src/orders/meta.ts',
  'src/orders/createOrder.ts',
  'src/orders/create order.ts',
  'src/api/orders.ts',
  'src/app.ts',
  'src/server.ts',
  'src/index.ts',
  'packages/web/src/index.ts',
  'packages/api/src/index.ts',
  'packages/api/src/util/format.ts',
  'packages/web/src/util/format.ts',
  'web/static/js/app.js',
  'orders/__init__.py',
  'orders/meta.py',
  'orders/views.py',
  'billing/__init__.py',
  'billing/tasks/__init__.py',
  'handler.py',
  'app/models/user.rb',
  'src/main/java/com/acme/orders/OrderService.java',
  // Unsafe entries must never come back, whatever the frame says.
  '../outside.ts',
  '/etc/hosts',
  'C:/Windows/win.ini',
  'src/../../escape.ts',
];

const index = new WorkspaceFileIndex(WORKSPACE);
const unique = (path: string): FrameMatch => ({ kind: 'unique', path, matchedSegments: -1 });
const ambiguous = (...candidates: string[]): FrameMatch => ({ kind: 'ambiguous', candidates, matchedSegments: -1 });
const none = (reason: 'noPath' | 'thirdParty' | 'unsafe' | 'noMatch'): FrameMatch => ({ kind: 'none', reason });

type Row = [string, FrameLocation, FrameMatch, FrameMappingOptions?];

const ROWS: Row[] = [
  // Bundler and SDK URL schemes
  ['app:/// (React Native, Electron, rewritten frames)', { absPath: 'app:///src/db/orders.ts' }, unique('src/db/orders.ts')],
  ['app:/// with a query string', { absPath: 'app:///src/db/orders.ts?query=1' }, unique('src/db/orders.ts')],
  ['app:/// built file → its TypeScript source', { filename: 'app:///dist/db/orders.js' }, unique('src/db/orders.ts')],
  ['webpack:///./', { absPath: 'webpack:///./src/orders/meta.ts' }, unique('src/orders/meta.ts')],
  ['webpack:/// without ./', { absPath: 'webpack:///src/orders/meta.ts' }, unique('src/orders/meta.ts')],
  ['webpack://namespace/./', { absPath: 'webpack://checkout/./src/server.ts' }, unique('src/server.ts')],
  ['webpack-internal:///./', { absPath: 'webpack-internal:///./src/api/orders.ts' }, unique('src/api/orders.ts')],
  ['webpack-internal with a Next.js layer', { absPath: 'webpack-internal:///(app-pages-browser)/./src/app.ts' }, unique('src/app.ts')],
  ['~/ (relative to the URL root)', { filename: '~/src/orders/createOrder.ts' }, unique('src/orders/createOrder.ts')],
  ['https URL with cache buster and hash', { absPath: 'https://cdn.acme.test/static/js/app.js?v=3#L10' }, unique('web/static/js/app.js')],
  ['file:/// Windows URL', { absPath: 'file:///C:/build/app/src/app.ts' }, unique('src/app.ts')],
  ['percent-encoded space', { absPath: 'app:///src/orders/create%20order.ts' }, unique('src/orders/create order.ts')],
  // Server roots
  ['/usr/src/app (Docker)', { absPath: '/usr/src/app/src/db/orders.ts' }, unique('src/db/orders.ts')],
  ['/var/task (AWS Lambda)', { absPath: '/var/task/src/api/orders.ts' }, unique('src/api/orders.ts')],
  ['/var/task Python handler', { absPath: '/var/task/handler.py', filename: 'handler.py' }, unique('handler.py')],
  ['/app', { absPath: '/app/src/orders/meta.ts' }, unique('src/orders/meta.ts')],
  ['/app with a Rails app/ folder inside', { absPath: '/app/app/models/user.rb' }, unique('app/models/user.rb')],
  ['/srv/<service>', { absPath: '/srv/checkout/src/app.ts' }, unique('src/app.ts')],
  ['/home/<user>/<project>', { absPath: '/home/deploy/checkout-service/src/server.ts' }, unique('src/server.ts')],
  ['GitHub Actions checkout', { absPath: '/home/runner/work/checkout-service/checkout-service/src/app.ts' }, unique('src/app.ts')],
  ['a server root picks the root file over same-named package files', { absPath: '/usr/src/app/src/index.ts' }, unique('src/index.ts')],
  ['an unknown root: the longest suffix decides', { absPath: '/build/packages/api/src/index.ts' }, unique('packages/api/src/index.ts')],
  ['an unknown root with a suffix shared by three files', { absPath: '/ci/workdir/src/index.ts' }, ambiguous('packages/api/src/index.ts', 'packages/web/src/index.ts', 'src/index.ts')],
  ['a configured prefix settles it', { absPath: '/ci/workdir/src/index.ts' }, unique('src/index.ts'), { stripPrefixes: ['/ci/workdir'] }],
  ['a configured prefix with a wildcard', { absPath: '/ci/job-4711/src/index.ts' }, unique('src/index.ts'), { stripPrefixes: ['/ci/*'] }],
  ['a configured Windows prefix', { absPath: 'D:\\agent\\_work\\1\\s\\src\\index.ts' }, unique('src/index.ts'), { stripPrefixes: ['D:\\agent\\_work\\1\\s'] }],
  ['two packages, same suffix', { absPath: '/opt/build/src/util/format.ts' }, ambiguous('packages/api/src/util/format.ts', 'packages/web/src/util/format.ts')],
  ['the package folder makes it unique', { absPath: '/opt/build/packages/web/src/util/format.ts' }, unique('packages/web/src/util/format.ts')],
  // Windows
  ['Windows path', { absPath: 'C:\\build\\app\\src\\db\\orders.ts' }, unique('src/db/orders.ts')],
  ['Windows path in other case', { absPath: 'C:\\Build\\App\\SRC\\DB\\Orders.ts' }, unique('src/db/orders.ts')],
  ['UNC path', { absPath: '\\\\fileserver\\builds\\checkout\\src\\db\\orders.ts' }, unique('src/db/orders.ts')],
  // Python
  ['Python filename and absPath', { filename: 'orders/meta.py', absPath: '/srv/app/orders/meta.py', module: 'orders.meta', platform: 'python' }, unique('orders/meta.py')],
  ['Python module only', { module: 'orders.meta', platform: 'python' }, unique('orders/meta.py')],
  ['Python module of a package', { module: 'billing.tasks', platform: 'python' }, unique('billing/tasks/__init__.py')],
  ['Python module, platform unknown', { module: 'orders.views' }, unique('orders/views.py')],
  ['Python .pyc → .py', { absPath: '/app/orders/meta.pyc' }, unique('orders/meta.py')],
  ['Python site-packages is not the app', { absPath: '/usr/local/lib/python3.11/site-packages/django/core/handlers/base.py', module: 'django.core.handlers.base' }, none('thirdParty')],
  ['Python virtualenv', { absPath: '/app/.venv/lib/python3.12/site-packages/requests/api.py' }, none('thirdParty')],
  ['Python standard library', { absPath: '/usr/lib/python3.11/threading.py', module: 'threading' }, none('thirdParty')],
  ['Python frozen module', { filename: '<frozen importlib._bootstrap>' }, none('thirdParty')],
  // Java
  ['Java class and file', { module: 'com.acme.orders.OrderService', filename: 'OrderService.java', platform: 'java' }, unique('src/main/java/com/acme/orders/OrderService.java')],
  // Libraries and runtimes
  ['node_modules', { absPath: '/usr/src/app/node_modules/pg/lib/client.js' }, none('thirdParty')],
  ['node_modules through webpack', { absPath: 'webpack:///./node_modules/react-dom/cjs/react-dom.development.js' }, none('thirdParty')],
  ['the published sample frame', { absPath: 'webpack:////usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js', filename: '/usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js' }, none('thirdParty')],
  ['Node internals', { filename: 'node:internal/process/task_queues' }, none('thirdParty')],
  ['anonymous', { filename: '<anonymous>' }, none('thirdParty')],
  ['the published minified frame', { absPath: 'https://s1.sentry-cdn.com/_static/dde778f9f93a48e2b6e58ecb0c5eb8f2/sentry/dist/vendor.js' }, none('noMatch')],
  // Weak, missing and hostile
  ['a bare file name', { filename: 'server.ts' }, unique('src/server.ts')],
  ['only the file name in common is a guess', { absPath: '/somewhere/else/lib/server.ts' }, ambiguous('src/server.ts')],
  ['nothing matches', { absPath: '/usr/src/app/src/nowhere.ts' }, none('noMatch')],
  ['no path at all', { function: 'main' } as FrameLocation, none('noPath')],
  ['blank paths', { filename: '  ', absPath: '' }, none('noPath')],
  ['climbing out of app:///', { absPath: 'app:///../../etc/passwd' }, none('unsafe')],
  ['climbing out of webpack:///', { absPath: 'webpack:///../secrets.ts' }, none('unsafe')],
  ['a relative path climbing out', { filename: 'src/../../outside.ts' }, none('unsafe')],
  ['an absolute path cannot climb above /', { absPath: '/usr/src/app/../../../../outside.ts' }, none('noMatch')],
  ['an unsafe workspace entry is never returned', { filename: 'escape.ts' }, none('noMatch')],
  ['control characters', { filename: 'src/app.ts\u0000.png' }, none('unsafe')],
  ['an unknown scheme', { absPath: 'blob:https://x/1234' }, none('noPath')],
];

describe('stack frame → workspace file', () => {
  for (const [name, frame, want, options] of ROWS) {
    it(name, () => {
      const got = mapFrameToFile(frame, index, options);
      if (want.kind === 'none') assert.deepEqual(got, want);
      else {
        assert.equal(got.kind, want.kind, JSON.stringify(got));
        if (got.kind === 'unique' && want.kind === 'unique') assert.equal(got.path, want.path);
        if (got.kind === 'ambiguous' && want.kind === 'ambiguous') assert.deepEqual(got.candidates, want.candidates);
      }
      if (got.kind === 'unique') assert.ok(isSafeWorkspacePath(got.path) && index.has(got.path));
      if (got.kind === 'ambiguous') for (const c of got.candidates) assert.ok(isSafeWorkspacePath(c) && index.has(c));
    });
  }

  it('has at least 40 rows', () => assert.ok(ROWS.length >= 40, String(ROWS.length)));

  it('drops absolute, escaping and Windows entries from the index', () => {
    assert.equal(index.size, WORKSPACE.length - 4);
    for (const bad of ['../outside.ts', '/etc/hosts', 'C:/Windows/win.ini', 'src/../../escape.ts']) assert.equal(index.has(bad), false);
    assert.ok(new WorkspaceFileIndex(['.\\src\\a.ts', './src/b.ts']).has('src/a.ts'));
  });

  it('accepts only plain relative paths as safe', () => {
    for (const ok of ['a.ts', 'src/a.ts', 'a b/c.ts']) assert.equal(isSafeWorkspacePath(ok), true, ok);
    for (const bad of ['', '/a', 'C:/a', 'a/../b', './a', 'a//b', 'a\\b', '..', 'a/\u0001']) assert.equal(isSafeWorkspacePath(bad), false, bad);
  });

  it('normalises without touching the file system', () => {
    assert.deepEqual(normalizeFramePath('webpack:////usr/src/x/y.js'), { segments: ['usr', 'src', 'x', 'y.js'], rooted: false });
    assert.deepEqual(normalizeFramePath('app:///a/./b/../c.js'), { segments: ['a', 'c.js'], rooted: true });
    assert.deepEqual(normalizeFramePath('/usr/src/app/lib/x.js'), { segments: ['lib', 'x.js'], rooted: true });
    assert.equal(normalizeFramePath('../x.js'), 'unsafe');
    assert.equal(normalizeFramePath(''), undefined);
  });

  it('knows library paths', () => {
    assert.equal(isThirdPartyPath('/x/node_modules/y.js'), true);
    assert.equal(isThirdPartyPath('C:\\app\\node_modules\\y.js'), true);
    assert.equal(isThirdPartyPath('/usr/lib/python3/dist-packages/y.py'), true);
    assert.equal(isThirdPartyPath('/root/go/pkg/mod/github.com/x/y.go'), true);
    assert.equal(isThirdPartyPath('src/modules/node.ts'), false);
    assert.equal(isThirdPartyPath(undefined), false);
  });
});
