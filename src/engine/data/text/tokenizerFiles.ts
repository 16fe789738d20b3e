/**
 * Where a text model's tokenizer.json is looked for, in order, and its companion tokenizer_config.json: one
 * list for the engine (which reads the first that exists) and the host's result cache (whose key hashes it);
 * likewise Hugging Face's config.json, whose id2label names the classes.
 * Paths only: nothing here reads a file or loads the tokenizer library.
 */
import path from 'node:path';

/** The tokenizer.json named by the settings, else beside the model, else one folder up (onnx/model.onnx). */
export function tokenizerCandidates(modelPath: string, named: string | undefined): string[] {
  return named ? [named] : besideOrOneUp(modelPath, 'tokenizer.json');
}

/** Hugging Face's config.json beside the model, else one folder up (optimum's and Transformers.js's onnx/model.onnx). */
export function modelConfigCandidates(modelPath: string): string[] {
  return besideOrOneUp(modelPath, 'config.json');
}

function besideOrOneUp(modelPath: string, name: string): string[] {
  const dir = path.dirname(modelPath);
  return [path.join(dir, name), path.join(path.dirname(dir), name)];
}

/** tokenizer_config.json beside a tokenizer.json (optional; it may set the maximum length). */
export function tokenizerConfigOf(tokenizerJson: string): string {
  return path.join(path.dirname(tokenizerJson), 'tokenizer_config.json');
}
