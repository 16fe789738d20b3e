/**
 * The one table of the CLI's commands and options: each command's parser and usage text are generated from it,
 * and the lists of allowed values come from the protocol's constant arrays.
 */
import { TASK_CHOICES } from '../protocol/evaluationTypes';
import {
  IMPORTANCE_METRICS,
  LINK_CHOICES,
  METHOD_CHOICES,
  MISSING_VALUE_CHOICES,
  UNIT_CHOICES,
} from '../protocol/explainTypes';
import { BACKEND_CHOICES } from '../engine/runtime/runtimeOptions';
import { SETTINGS_DEFAULTS } from '../engine/settings/defaults';

export const COMMAND_NAMES = [
  'summary',
  'graph',
  'explain',
  'importance',
  'pdp',
  'evaluate',
  'rules',
  'compare',
  'profile',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface CommandSpec {
  /** The files the command takes before its options. */
  operands: readonly string[];
  /** What it does, in one line (the top-level help). */
  summary: string;
  /** Options the command cannot run without. */
  required?: readonly string[];
  /** Lines the usage adds after the options. */
  notes?: readonly string[];
}

export const COMMANDS: Record<CommandName, CommandSpec> = {
  summary: { operands: ['MODEL'], summary: 'what the model is (counts, opsets, FLOPs, dtypes)' },
  graph: { operands: ['MODEL'], summary: 'nodes, edges and name-scope groups' },
  explain: {
    operands: ['MODEL'],
    summary: 'attributions (JSON or a self-contained HTML report)',
    notes: ['explain needs --data or --text, unless the sidecar names the data'],
  },
  importance: { operands: ['MODEL'], summary: 'permutation feature importance', required: ['data', 'label'] },
  pdp: { operands: ['MODEL'], summary: 'partial dependence and ICE curves', required: ['data', 'feature'] },
  evaluate: {
    operands: ['MODEL'],
    summary: 'metrics and error cohorts',
    required: ['data'],
    notes: ['image models: --data FOLDER with a subfolder per class (named as the class or by its index), no --label'],
  },
  rules: { operands: ['MODEL'], summary: 'a surrogate tree as IF ... THEN rules', required: ['data'] },
  compare: { operands: ['A.onnx', 'B.onnx'], summary: 'what changed between two models' },
  profile: { operands: ['MODEL'], summary: 'latency and time per node' },
};

export interface CliOption {
  name: string;
  type: 'string' | 'boolean';
  /** What the value is, in the usage (FILE, N, NAME). */
  value?: string;
  multiple?: boolean;
  /** The only values the flag takes. */
  values?: readonly string[];
  /** Filled in by the parser when the flag is absent. */
  default?: string;
  help: string;
  commands: readonly CommandName[];
}

const RUNS_MODELS: readonly CommandName[] = ['explain', 'importance', 'pdp', 'evaluate', 'rules'];
const LABELLED: readonly CommandName[] = ['evaluate', 'rules'];
const JSON_JOBS: readonly CommandName[] = ['importance', 'pdp', 'evaluate', 'rules'];

export const OPTIONS: readonly CliOption[] = [
  {
    name: 'data',
    type: 'string',
    value: 'FILE|IMAGE|DIR',
    multiple: true,
    help: 'the rows, pictures or recordings to explain (repeat for more pictures)',
    commands: ['explain'],
  },
  {
    name: 'data',
    type: 'string',
    value: 'FILE',
    help: 'the data file (CSV, TSV, JSON, .npy; texts: .csv, .jsonl)',
    commands: [...JSON_JOBS, 'compare', 'profile'],
  },
  {
    name: 'background',
    type: 'string',
    value: 'FILE',
    help: 'background data (default: a seeded sample of the data)',
    commands: ['explain'],
  },
  {
    name: 'background-size',
    type: 'string',
    value: 'N',
    help: `rows the background is summarised to (default ${SETTINGS_DEFAULTS.backgroundSize})`,
    commands: ['explain'],
  },
  {
    name: 'rows',
    type: 'string',
    value: '0-19',
    help: 'rows to explain, e.g. 0-19 or 3,7,10-12 (default: the first 20)',
    commands: ['explain'],
  },
  {
    name: 'method',
    type: 'string',
    value: 'METHOD',
    values: METHOD_CHOICES,
    help: `how to attribute (default ${SETTINGS_DEFAULTS.method})`,
    commands: ['explain'],
  },
  {
    name: 'samples',
    type: 'string',
    value: 'N',
    help: 'coalitions, permutations or samples for the sampled methods',
    commands: ['explain'],
  },
  {
    name: 'tolerance',
    type: 'string',
    value: 'T',
    help: 'sample until every standard error is below T',
    commands: ['explain'],
  },
  {
    name: 'link',
    type: 'string',
    value: 'LINK',
    values: LINK_CHOICES,
    help: `the units of the explained output (default ${SETTINGS_DEFAULTS.link})`,
    commands: ['explain'],
  },
  {
    name: 'missing',
    type: 'string',
    value: 'MODE',
    values: MISSING_VALUE_CHOICES,
    help: `empty and NaN cells (default ${SETTINGS_DEFAULTS.missingValues})`,
    commands: ['explain'],
  },
  {
    name: 'classes',
    type: 'string',
    value: 'K',
    help: 'images: explain the top K classes of each picture',
    commands: ['explain'],
  },
  { name: 'class', type: 'string', value: 'NAME|INDEX', help: 'images: explain this class', commands: ['explain'] },
  {
    name: 'target',
    type: 'string',
    value: 'TARGET',
    help: 'element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] or predicted',
    commands: ['explain'],
  },
  {
    name: 'window',
    type: 'string',
    value: 'N',
    help: 'sequences: explain by windows of N time steps',
    commands: ['explain'],
  },
  { name: 'tokenizer', type: 'string', value: 'FILE', help: 'text models: a tokenizer.json', commands: ['explain'] },
  {
    name: 'text',
    type: 'string',
    value: 'TEXT',
    help: 'text models: one text to explain instead of a data file',
    commands: ['explain'],
  },
  {
    name: 'units',
    type: 'string',
    value: 'UNITS',
    values: UNIT_CHOICES,
    help: 'text models: the attributed units',
    commands: ['explain'],
  },
  {
    name: 'label',
    type: 'string',
    value: 'COLUMN',
    help: 'the data column holding labels',
    commands: ['importance', 'evaluate', 'compare'],
  },
  {
    name: 'label',
    type: 'string',
    value: 'COLUMN',
    help: 'a label column to leave out of the features',
    commands: ['rules'],
  },
  { name: 'feature', type: 'string', value: 'NAME', help: 'the feature to vary', commands: ['pdp'] },
  {
    name: 'metric',
    type: 'string',
    value: 'METRIC',
    values: IMPORTANCE_METRICS,
    help: 'the score permuting a feature hurts',
    commands: ['importance'],
  },
  { name: 'repeats', type: 'string', value: 'N', default: '5', help: 'shuffles per feature', commands: ['importance'] },
  { name: 'points', type: 'string', value: 'N', default: '20', help: 'grid points', commands: ['pdp'] },
  {
    name: 'max-rows',
    type: 'string',
    value: 'N',
    default: '100',
    help: 'rows drawn for ICE curves',
    commands: ['pdp'],
  },
  {
    name: 'threshold',
    type: 'string',
    value: 'T',
    help: 'binary models: class 1 from this probability',
    commands: ['evaluate'],
  },
  {
    name: 'task',
    type: 'string',
    value: 'TASK',
    values: TASK_CHOICES,
    help: 'how to score the model (default: guessed)',
    commands: LABELLED,
  },
  {
    name: 'resamples',
    type: 'string',
    value: 'N',
    default: '200',
    help: 'bootstrap resamples for the intervals',
    commands: ['evaluate'],
  },
  { name: 'depth', type: 'string', value: 'N', default: '3', help: "the surrogate tree's depth", commands: ['rules'] },
  {
    name: 'input',
    type: 'string',
    value: 'NAME',
    help: 'the model input to read (default: the first numeric one)',
    commands: RUNS_MODELS,
  },
  {
    name: 'output',
    type: 'string',
    value: 'NAME',
    help: 'the model output to use (default: the first float one)',
    commands: RUNS_MODELS,
  },
  {
    name: 'seed',
    type: 'string',
    value: 'N',
    help: `the random seed (default ${SETTINGS_DEFAULTS.seed})`,
    commands: [...RUNS_MODELS, 'compare'],
  },
  {
    name: 'sidecar',
    type: 'string',
    value: 'FILE',
    help: 'settings file (default: MODEL.lens.json beside the model)',
    commands: ['explain', ...LABELLED, 'profile'],
  },
  { name: 'batch', type: 'string', value: 'N', help: 'rows per model call', commands: ['compare'] },
  { name: 'batch', type: 'string', value: '1,8,64', help: 'batch sizes to time', commands: ['profile'] },
  {
    name: 'importance-rows',
    type: 'string',
    value: 'N',
    help: "rows for each model's global importance",
    commands: ['compare'],
  },
  { name: 'threads', type: 'string', value: 'N[,M]', help: 'thread counts to time', commands: ['profile'] },
  {
    name: 'runs',
    type: 'string',
    value: 'N',
    help: "timed runs per batch size (default: a quarter second's worth)",
    commands: ['profile'],
  },
  { name: 'warmup', type: 'string', value: 'N', help: 'untimed runs first', commands: ['profile'] },
  {
    name: 'dim',
    type: 'string',
    value: 'NAME=SIZE',
    multiple: true,
    help: 'the size of a free dimension (repeatable)',
    commands: ['profile'],
  },
  {
    name: 'backend',
    type: 'string',
    value: 'BACKEND',
    values: BACKEND_CHOICES,
    help: 'which onnxruntime runs the model (default auto)',
    commands: RUNS_MODELS,
  },
  {
    name: 'providers',
    type: 'string',
    value: 'coreml,cpu',
    help: 'execution providers to try in order',
    commands: RUNS_MODELS,
  },
  { name: 'progress', type: 'boolean', help: 'progress on stderr', commands: ['explain'] },
  { name: 'json', type: 'boolean', help: 'print JSON', commands: COMMAND_NAMES },
  {
    name: 'out',
    type: 'string',
    value: 'FILE',
    help: 'write the JSON to FILE',
    commands: [...RUNS_MODELS, 'compare', 'profile'],
  },
  {
    name: 'html',
    type: 'string',
    value: 'FILE',
    help: 'write a self-contained HTML report',
    commands: ['explain', 'evaluate', 'compare'],
  },
];

/** The options one command takes, in the table's order. */
export function optionsOf(command: CommandName): CliOption[] {
  return OPTIONS.filter((o) => o.commands.includes(command));
}
