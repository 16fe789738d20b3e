/** What evaluate and rules send the engine, resolved like an explanation's settings (same sidecar, same paths). */
import path from 'node:path';
import type { ExplainSettings } from '../../protocol/explainTypes';
import { SETTINGS_DEFAULTS } from './defaults';
import { resolveExplainSettings, type SettingsSources } from './explainSettings';

export interface LabelledDataSettings extends Pick<ExplainSettings, 'image' | 'text' | 'sidecarName'> {
  data: string;
  label?: string;
  input?: string;
  output?: string;
  seed: number;
  featureNames?: string[];
  classNames?: string[];
}

/** The data, label, input and output chosen (the CLI's fall back to the sidecar's), the sidecar's names and inputs. */
export async function resolveLabelledSettings(
  s: Omit<SettingsSources, 'chosen'> & {
    chosen: { data: string; label?: string; output?: string; input?: string; seed?: number };
  },
): Promise<LabelledDataSettings> {
  const { label, seed, ...chosen } = s.chosen;
  // The Explain form's seed is not the evaluation's: only the one chosen here counts.
  const settings = await resolveExplainSettings({ ...s, chosen: { ...chosen, method: 'auto', seed: undefined } });
  if (!settings) throw new Error(`${path.basename(s.modelPath)}: choose a data file first`);
  return {
    data: settings.data,
    label,
    output: settings.output,
    input: settings.input,
    seed: seed ?? SETTINGS_DEFAULTS.seed,
    featureNames: settings.featureNames,
    classNames: settings.classNames,
    image: settings.image,
    text: settings.text,
    sidecarName: settings.sidecarName,
  };
}
