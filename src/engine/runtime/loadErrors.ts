/** Turns what onnxruntime says about a model it refuses into one line a user can act on. */

export function describeLoadError(fileName: string, byteLength: number, error: unknown): string {
  if (byteLength === 0) return `${fileName}: the file is empty (0 bytes), not an ONNX model.`;
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw
    .replace(/^\[[^\]]*\]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (/protobuf parsing failed|parse.*proto|Failed to load model because protobuf/i.test(text)) {
    return `${fileName}: not a valid ONNX model (the protobuf could not be parsed; is the file truncated or not an ONNX file?).`;
  }
  if (/No graph was found|Model has no graph|graph is empty/i.test(text)) {
    return `${fileName}: the ONNX model has no graph.`;
  }
  const opset =
    /(Opset \d+ is under development|ONNX Runtime only \*guarantees\* support for models stamped with official released onnx opset versions[^.]*)/i.exec(
      text,
    );
  if (opset) return `${fileName}: onnxruntime cannot run this model's opset (${opset[1]}).`;
  const cleaned = text
    .replace(/Load model from \S+ failed:/i, '')
    .replace(/\/[^\s:]+\.(?:cc|h|cpp):\d+ /g, '')
    .trim();
  return `${fileName}: onnxruntime refused the model: ${cleaned || 'unknown error'}`;
}
