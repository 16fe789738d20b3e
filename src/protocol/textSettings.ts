/** Checks the sidecar's `text` block field by field, so each mistake is named and the rest still apply. */
import type { TextSettings } from './explainTypes';
import { isObject, parseBlock, type FieldChecks } from './settingsBlock';

const fileName = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length < 1024;
const ROLES = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'];

/** The sidecar's fields (a typed-in sentence comes from the CLI or the panel, never from the file). */
type SidecarTextSettings = Omit<TextSettings, 'sentence'>;

const FIELDS: FieldChecks<SidecarTextSettings> = {
  tokenizer: (v) => (fileName(v) ? undefined : 'must be a file name (a Hugging Face tokenizer.json)'),
  inputs: (v) => {
    if (!isObject(v)) return `must be an object mapping roles (${ROLES.join(', ')}) to input names`;
    for (const [role, name] of Object.entries(v)) {
      if (!ROLES.includes(role)) return `has "${role}", which is not a role (${ROLES.join(', ')})`;
      if (typeof name !== 'string' || name === '') return `"${role}" must be an input name`;
    }
    return undefined;
  },
  maxLength: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 2 && v <= 65536
      ? undefined
      : 'must be a whole number of tokens from 2',
  masker: (v) => (v === 'mask' || v === 'pad' ? undefined : 'must be mask or pad'),
  units: (v) => (v === 'words' || v === 'tokens' ? undefined : 'must be words or tokens'),
  column: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be a column name'),
};

/** The valid fields of a `text` block, and one line per invalid or unknown field. */
export function parseTextSettings(v: unknown): { text: TextSettings; problems: string[] } {
  const { block, problems } = parseBlock<SidecarTextSettings>('text', v, FIELDS);
  return { text: block as TextSettings, problems };
}
