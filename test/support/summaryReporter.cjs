// Mocha's spec output plus one closing line per layer, `unit: N passed, N failed`, that CI and
// scripts/test.mjs read. The layer name comes from MODEL_LENS_LAYER.
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const layer = process.env.MODEL_LENS_LAYER || 'tests';
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      console.log(`${layer}: ${s.passes || 0} passed, ${s.failures || 0} failed${skipped}`);
    });
  }
}

module.exports = SummaryReporter;
