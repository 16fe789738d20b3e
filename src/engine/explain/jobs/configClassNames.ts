/**
 * Class names from a Hugging Face config.json (`id2label`), the names Transformers, optimum and Transformers.js
 * exports carry beside (or one folder above) the model when its ONNX metadata names none.
 */
import path from 'node:path';
import { modelConfigCandidates } from '../../data/text/tokenizerFiles';

/** What config.json says of the classes: names in index order, or why its id2label cannot be used. */
export type ConfigClassNames = { names: string[] } | { problem: string };

/** The first config.json that exists; undefined when there is none, it is not JSON, or it has no id2label. */
export async function readConfigClassNames(
  readFile: (file: string) => Promise<Uint8Array>,
  modelPath: string,
): Promise<ConfigClassNames | undefined> {
  for (const candidate of modelConfigCandidates(modelPath)) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(candidate);
    } catch {
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return undefined; // a config.json of some other tool: not ours to refuse
    }
    return id2labelNames(json, path.basename(candidate));
  }
  return undefined;
}

/** id2label's names ({"0": "NEGATIVE", "1": "POSITIVE"}) in index order; `where` names the file in a problem. */
export function id2labelNames(json: unknown, where: string): ConfigClassNames | undefined {
  if (typeof json !== 'object' || json === null || !('id2label' in json)) return undefined;
  const id2label = json.id2label;
  const problem = (what: string) => ({ problem: `${where}: id2label ${what}` });
  if (typeof id2label !== 'object' || id2label === null || Array.isArray(id2label)) return problem('is not an object');
  const entries = Object.entries(id2label as Record<string, unknown>);
  const names: string[] = [];
  for (const [key, name] of entries) {
    if (!/^(0|[1-9]\d*)$/.test(key)) return problem(`key "${key}" is not a class index`);
    if (typeof name !== 'string') return { problem: `${where}: id2label["${key}"] is not a string` };
    names[Number(key)] = name;
  }
  for (let k = 0; k < entries.length; k++) {
    if (names[k] === undefined) return problem(`has no class ${k} (its keys are 0..${entries.length - 1})`);
  }
  return { names };
}
