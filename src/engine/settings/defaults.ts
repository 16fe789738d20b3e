/** The one place settings' defaults live: the panel's first choices, the sidecar's, the CLI's and the engine's. */
import type { ExplainChoices } from '../../protocol/messages';

export const SETTINGS_DEFAULTS = {
  method: 'auto',
  rows: '0-19',
  seed: 0,
  backgroundSize: 100,
  link: 'identity',
  missingValues: 'auto',
} as const;

/** What the Explain form starts with when the sidecar says nothing. */
export const DEFAULT_CHOICES: ExplainChoices = {
  method: SETTINGS_DEFAULTS.method,
  rows: SETTINGS_DEFAULTS.rows,
  seed: SETTINGS_DEFAULTS.seed,
  backgroundSize: SETTINGS_DEFAULTS.backgroundSize,
};
