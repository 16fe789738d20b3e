/**
 * The one resolver of settings: a sidecar's parsed contents plus the panel's choices or the CLI's flags become
 * the engine's ExplainSettings. Pure (the caller says which files exist). The path rule, for panel and CLI alike:
 * a relative path from the sidecar (or the panel, which writes the sidecar) is looked for beside the sidecar, then
 * beside the model; a relative path typed on the command line is relative to the current directory.
 */
import path from 'node:path';
import { parseTarget } from '../explain/outputTarget';
import type { ExplainSettings, ImageSettings, TextSettings } from '../../protocol/explainTypes';
import type { ExplainChoices } from '../../protocol/messages';
import type { SequenceSettings } from '../../protocol/sequenceSettings';
import { SETTINGS_DEFAULTS } from './defaults';
import { resolveWrittenPath } from './writtenPaths';

/** What a sidecar holds once parsed (the host's parseSidecar gives this). */
export interface SidecarContents {
  choices: Partial<ExplainChoices>;
  featureNames?: string[];
  classNames?: string[];
  input?: string;
  image?: ImageSettings;
  sequence?: SequenceSettings;
  text?: TextSettings;
}

export interface SidecarSource {
  /** The sidecar file, absolute (it need not exist: the panel names it in errors all the same). */
  path: string;
  contents: SidecarContents;
}

/** What the user chose now: the panel's Explain form, or the CLI's flags (with those only the CLI has). */
export interface ChosenSettings extends Partial<ExplainChoices> {
  input?: string;
  missingValues?: ExplainSettings['missingValues'];
  tokenizer?: string;
  units?: TextSettings['units'];
  /** Sequences: explain by windows of this many time steps. */
  window?: number;
  /** Images: more pictures or folders after the data. */
  moreData?: string[];
}

/**
 * Where the choices come from. The panel's form holds every choice (a field cleared there stays cleared) and its
 * paths are written like the sidecar's; the CLI's flags win and the sidecar fills in the rest, paths from `cwd`.
 */
export type ChoiceOrigin = { kind: 'panel'; moreFolders?: readonly string[] } | { kind: 'cli'; cwd: string };

export interface SettingsSources {
  modelPath: string;
  sidecar?: SidecarSource;
  chosen: ChosenSettings;
  origin: ChoiceOrigin;
  exists: (p: string) => Promise<boolean>;
}

/** Settings for one run; undefined when there is neither a data file nor a typed-in text to explain. */
export async function resolveExplainSettings(s: SettingsSources): Promise<ExplainSettings | undefined> {
  const side = s.sidecar?.contents;
  const chosen: Partial<ExplainChoices> = s.chosen;
  const choice = <K extends keyof ExplainChoices>(key: K): ExplainChoices[K] | undefined =>
    s.origin.kind === 'panel' ? chosen[key] : (chosen[key] ?? side?.choices[key]);
  const fromSidecar = sidecarPaths(s);
  const fromChosen = (p: string) =>
    s.origin.kind === 'cli' ? Promise.resolve(path.resolve(s.origin.cwd, p)) : fromSidecar(p);
  // A choice's path is the user's typing when given now, else the sidecar's.
  const choicePath = async (key: 'data' | 'background') => {
    const typed = s.chosen[key];
    if (typed) return fromChosen(typed);
    const written = s.origin.kind === 'cli' ? side?.choices[key] : undefined;
    return written ? fromSidecar(written) : undefined;
  };
  const sentence = s.chosen.sentence;
  const typed = sentence !== undefined && sentence.trim() !== '';
  const data = typed ? '' : await choicePath('data');
  if (data === undefined) return undefined;
  const target = choice('target');
  const window = s.chosen.window;
  return {
    // The sidecar's names and input settings first: what is chosen now comes after and wins.
    ...(await resolveSidecarSettings(s)),
    // A typed-in text stands in for the data file, and is one row.
    data,
    moreData: s.chosen.moreData?.length ? await Promise.all(s.chosen.moreData.map(fromChosen)) : undefined,
    background: await choicePath('background'),
    backgroundSize: choice('backgroundSize') ?? SETTINGS_DEFAULTS.backgroundSize,
    rows: typed ? undefined : choice('rows'),
    method: choice('method') ?? SETTINGS_DEFAULTS.method,
    input: s.chosen.input || side?.input || undefined,
    output: choice('output') || undefined,
    samples: choice('samples'),
    tolerance: choice('tolerance'),
    seed: choice('seed') ?? SETTINGS_DEFAULTS.seed,
    link: choice('link') ?? SETTINGS_DEFAULTS.link,
    missingValues: s.chosen.missingValues ?? SETTINGS_DEFAULTS.missingValues,
    classes: choice('classes'),
    targetClass: choice('targetClass'),
    target: target ? parseTarget(target) : undefined,
    sequence: window !== undefined ? { ...side?.sequence, window } : side?.sequence,
    text: await textSettings(side?.text, s.chosen, typed, fromSidecar, fromChosen),
  };
}

/** What the sidecar alone says (names, pictures' and sequences' settings), its paths resolved; profile reads it too. */
export async function resolveSidecarSettings(
  s: Pick<SettingsSources, 'modelPath' | 'sidecar' | 'origin' | 'exists'>,
): Promise<
  Pick<ExplainSettings, 'input' | 'featureNames' | 'classNames' | 'sidecarName' | 'image' | 'sequence' | 'text'>
> {
  const side = s.sidecar?.contents;
  const fromSidecar = sidecarPaths(s);
  return {
    input: side?.input,
    featureNames: side?.featureNames,
    classNames: side?.classNames,
    sidecarName: s.sidecar ? path.basename(s.sidecar.path) : undefined,
    image: side?.image && {
      ...side.image,
      labels: side.image.labels ? await fromSidecar(side.image.labels) : undefined,
    },
    sequence: side?.sequence,
    text: side?.text && {
      ...side.text,
      ...(side.text.tokenizer ? { tokenizer: await fromSidecar(side.text.tokenizer) } : {}),
    },
  };
}

/** The sidecar's paths: beside the sidecar, then beside the model (then the host's further folders). */
function sidecarPaths(
  s: Pick<SettingsSources, 'modelPath' | 'sidecar' | 'origin' | 'exists'>,
): (written: string) => Promise<string> {
  const folders = [
    ...(s.sidecar ? [path.dirname(s.sidecar.path)] : []),
    path.dirname(s.modelPath),
    ...(s.origin.kind === 'panel' ? (s.origin.moreFolders ?? []) : []),
  ];
  return (written) => resolveWrittenPath(written, folders, s.exists);
}

/** The sidecar's text settings with the user's tokenizer, units and typed-in text on top. */
async function textSettings(
  side: TextSettings | undefined,
  chosen: ChosenSettings,
  typed: boolean,
  fromSidecar: (p: string) => Promise<string>,
  fromChosen: (p: string) => Promise<string>,
): Promise<TextSettings | undefined> {
  const tokenizer = chosen.tokenizer
    ? await fromChosen(chosen.tokenizer)
    : side?.tokenizer
      ? await fromSidecar(side.tokenizer)
      : undefined;
  const text: TextSettings = {
    ...side,
    ...(tokenizer ? { tokenizer } : {}),
    ...(chosen.units !== undefined ? { units: chosen.units } : {}),
    ...(typed ? { sentence: chosen.sentence } : {}),
  };
  return Object.keys(text).length ? text : undefined;
}
