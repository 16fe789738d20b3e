/** Node side of the preview: a report built from the fake data, as the host would build it. */
import { buildReportHtml } from '../../../src/engine/report/html';
import { fakeAttribution, fakeImportance, fakePartialDependence } from './fakeAttribution';

export function previewReportHtml(scriptText: string, cssText: string): string {
  return buildReportHtml({
    title: 'Model Lens report — wine_classifier.onnx',
    modelSummary: {
      file: 'wine_classifier.onnx',
      producer: 'skl2onnx 1.17',
      opset: 17,
      inputs: 'float_input float32 [batch, 13]',
      outputs: ['label int64 [batch]', 'probabilities float32 [batch, 3]'],
    },
    settings: { method: 'kernel', samples: 2048, background: '50 rows (k-means)', seed: 42, link: 'identity' },
    attribution: fakeAttribution(),
    importance: fakeImportance(),
    pdp: fakePartialDependence(),
    scriptText,
    cssText,
  });
}
