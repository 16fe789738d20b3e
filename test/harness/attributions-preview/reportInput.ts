/** Node side of the preview: a report built from the fake data, as the host would build it. */
import { buildReportHtml } from '../../../src/engine/report/html';
import type { ImagePreview } from '../../../src/protocol/explainTypes';
import { fakeAttribution, fakeImportance, fakePartialDependence } from './fakeAttribution';
import { fakeImageAttribution } from './fakeImage';
import { fakeSequenceAttribution, fakeTextAttribution } from './fakeKinds';

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

/** The report of the fake digits, with the PNG previews the preview page drew. */
export function previewImageReportHtml(scriptText: string, cssText: string, images: ImagePreview[]): string {
  return buildReportHtml({
    title: 'Model Lens report — digits_cnn.onnx',
    modelSummary: {
      file: 'digits_cnn.onnx',
      inputs: 'input float32 [batch, 1, 28, 28]',
      outputs: ['logits float32 [batch, 10]'],
    },
    settings: { method: 'partition', budget: 500, masker: 'blur', classes: 2, seed: 0 },
    attribution: fakeImageAttribution().attribution,
    images,
    scriptText,
    cssText,
  });
}

/** The reports of the fake reviews and sensor traces. */
export function previewKindReportHtml(scriptText: string, cssText: string, kind: 'text' | 'sequence'): string {
  const text = kind === 'text';
  return buildReportHtml({
    title: text ? 'Model Lens report — sentiment.onnx' : 'Model Lens report — activity.onnx',
    modelSummary: text
      ? {
          file: 'sentiment.onnx',
          inputs: 'input_ids int64 [batch, seq]',
          outputs: ['probabilities float32 [batch, 2]'],
        }
      : { file: 'activity.onnx', inputs: 'x float32 [batch, 256, 3]', outputs: ['walking float32 [batch, 1]'] },
    settings: text ? { method: 'exact', units: 'words', masker: 'mask' } : { method: 'partition', window: 8 },
    attribution: text ? fakeTextAttribution() : fakeSequenceAttribution(),
    scriptText,
    cssText,
  });
}
