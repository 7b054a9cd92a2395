// Tests entry for a downloaded VS Code desktop (Electron): the same mocha runner and suite as the
// code-server integration run (out/test/integration/suite/**/*.test.js).
export { run } from '../integration/index';
