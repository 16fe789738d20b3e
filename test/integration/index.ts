/** Loaded by VS Code inside the extension host: runs the suites with mocha and reports back. */
import Mocha from 'mocha';
const SummaryReporter = require('../support/summaryReporter.cjs') as typeof Mocha.reporters.Base;

export function run(): Promise<void> {
  process.env.MODEL_LENS_LAYER = 'integration';
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: SummaryReporter });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  require('./activation.test');
  require('./panel.test');
  require('./badInput.test');
  require('./codeLens.test');
  require('./attributions.test');
  require('./attributionsWine.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration tests failed`)) : resolve()));
  });
}
