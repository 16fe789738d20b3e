// The one settings resolver: sidecar-relative paths, the model's folder as fallback, flags over the sidecar,
// defaults from one place, and the panel and the CLI giving the same settings for the same sidecar and choices.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_CHOICES, SETTINGS_DEFAULTS } from '../../../src/engine/settings/defaults';
import {
  resolveExplainSettings,
  type SettingsSources,
  type SidecarContents,
} from '../../../src/engine/settings/explainSettings';
import { resolveLabelledSettings } from '../../../src/engine/settings/labelledSettings';
import { parseSidecar } from '../../../src/engine/settings/sidecar';

const ws = path.resolve('/ws');
const modelDir = path.join(ws, 'models');
const modelPath = path.join(modelDir, 'm.onnx');
const confDir = path.join(ws, 'conf');
const elsewhere = path.join(ws, 'terminal');

/** A file system of these files only. */
const filesAt = (...files: string[]) => {
  const set = new Set(files);
  return async (p: string) => set.has(p);
};

const sidecarText = (fields: Record<string, unknown>): SidecarContents => {
  const s = parseSidecar(JSON.stringify(fields), 'x.lens.json');
  assert.deepEqual(s.problems, []);
  return s;
};

describe('the settings resolver', () => {
  it('resolves a sidecar path beside the sidecar first, then beside the model; else names the sidecar one', async () => {
    const contents = sidecarText({
      data: 'rows.csv',
      background: 'bg.csv',
      text: { tokenizer: 'gone.json' },
      image: { labels: 'labels.txt' },
    });
    const exists = filesAt(
      path.join(confDir, 'rows.csv'),
      path.join(modelDir, 'rows.csv'),
      path.join(modelDir, 'bg.csv'),
      path.join(modelDir, 'labels.txt'),
    );
    const s = await resolveExplainSettings({
      modelPath,
      sidecar: { path: path.join(confDir, 'other.lens.json'), contents },
      chosen: {},
      origin: { kind: 'cli', cwd: elsewhere },
      exists,
    });
    assert.ok(s);
    // Present in both folders: the sidecar's wins.
    assert.equal(s.data, path.join(confDir, 'rows.csv'));
    // Only beside the model: found there.
    assert.equal(s.background, path.join(modelDir, 'bg.csv'));
    assert.equal(s.image?.labels, path.join(modelDir, 'labels.txt'));
    // Nowhere: the sidecar's folder, so the error names the path the sidecar meant.
    assert.equal(s.text?.tokenizer, path.join(confDir, 'gone.json'));
    assert.equal(s.sidecarName, 'other.lens.json');
  });

  it('lets flags win over the sidecar, and the sidecar fill what the flags leave out', async () => {
    const contents = sidecarText({ data: 'rows.csv', method: 'kernel', seed: 7, samples: 300, link: 'logit' });
    const s = await resolveExplainSettings({
      modelPath,
      sidecar: { path: `${modelPath}.lens.json`, contents },
      chosen: { method: 'exact', data: 'typed.csv', input: 'x' },
      origin: { kind: 'cli', cwd: elsewhere },
      exists: filesAt(),
    });
    assert.ok(s);
    assert.equal(s.method, 'exact');
    // A path typed on the command line is the terminal's, not the sidecar's.
    assert.equal(s.data, path.join(elsewhere, 'typed.csv'));
    assert.equal(s.input, 'x');
    assert.deepEqual([s.seed, s.samples, s.link], [7, 300, 'logit']);
  });

  it('takes its defaults from the one table, for the form and the CLI alike', async () => {
    const s = await resolveExplainSettings({
      modelPath,
      chosen: { data: 'a.csv' },
      origin: { kind: 'cli', cwd: elsewhere },
      exists: filesAt(),
    });
    assert.ok(s);
    assert.deepEqual(
      [s.method, s.seed, s.backgroundSize, s.link, s.missingValues, s.rows, s.sidecarName],
      [
        SETTINGS_DEFAULTS.method,
        SETTINGS_DEFAULTS.seed,
        SETTINGS_DEFAULTS.backgroundSize,
        SETTINGS_DEFAULTS.link,
        SETTINGS_DEFAULTS.missingValues,
        undefined,
        undefined,
      ],
    );
    // The form's first choices and an empty sidecar's are those same defaults.
    assert.deepEqual(parseSidecar('', 'x').choices, DEFAULT_CHOICES);
    for (const [k, v] of Object.entries(DEFAULT_CHOICES))
      assert.equal(v, SETTINGS_DEFAULTS[k as keyof typeof SETTINGS_DEFAULTS]);
    assert.equal(
      await resolveExplainSettings({
        modelPath,
        chosen: {},
        origin: { kind: 'cli', cwd: elsewhere },
        exists: filesAt(),
      }),
      undefined,
      'no data and no text: nothing to explain',
    );
  });

  it('gives the panel and the CLI the same settings for the same sidecar and choices', async () => {
    const fields = {
      data: 'data/rows.csv',
      background: '../shared/bg.csv',
      rows: '0-4',
      method: 'kernel',
      seed: 3,
      samples: 500,
      backgroundSize: 50,
      output: 'probabilities',
      link: 'logit',
      target: 'element:1',
    };
    const contents: SidecarContents = {
      ...sidecarText({ ...fields, featureNames: ['a', 'b'], text: { tokenizer: 'tok.json', units: 'tokens' } }),
      input: 'x',
    };
    const exists = filesAt(path.join(modelDir, 'data', 'rows.csv'), path.join(ws, 'shared', 'bg.csv'));
    const common: Omit<SettingsSources, 'chosen' | 'origin'> = {
      modelPath,
      sidecar: { path: `${modelPath}.lens.json`, contents },
      exists,
    };
    // The panel's form opens on the sidecar's choices; the terminal types none and runs elsewhere.
    const panel = await resolveExplainSettings({
      ...common,
      chosen: { ...contents.choices },
      origin: { kind: 'panel' },
    });
    const cli = await resolveExplainSettings({ ...common, chosen: {}, origin: { kind: 'cli', cwd: elsewhere } });
    assert.deepEqual(cli, panel);
    assert.equal(panel?.data, path.join(modelDir, 'data', 'rows.csv'));
    assert.equal(panel?.background, path.join(ws, 'shared', 'bg.csv'));
    assert.deepEqual(panel?.target, { kind: 'element', index: 1 });
    // A choice made now (the form's field, the CLI's flag) is the same choice for both.
    const panelSeed = await resolveExplainSettings({
      ...common,
      chosen: { ...contents.choices, seed: 11 },
      origin: { kind: 'panel' },
    });
    const cliSeed = await resolveExplainSettings({
      ...common,
      chosen: { seed: 11 },
      origin: { kind: 'cli', cwd: elsewhere },
    });
    assert.deepEqual(cliSeed, panelSeed);
    assert.equal(cliSeed?.seed, 11);
    // Evaluate and rules: the same data, input, names and sidecar from either side.
    const chosen = { data: path.join(modelDir, 'data', 'rows.csv'), label: 'y', output: 'probabilities' };
    assert.deepEqual(
      await resolveLabelledSettings({ ...common, chosen, origin: { kind: 'cli', cwd: elsewhere } }),
      await resolveLabelledSettings({ ...common, chosen, origin: { kind: 'panel' } }),
    );
  });

  it("keeps a field the panel's form cleared cleared (the form holds every choice), and a typed-in text is one row", async () => {
    const contents = sidecarText({ data: 'rows.csv', background: 'bg.csv' });
    const s = await resolveExplainSettings({
      modelPath,
      sidecar: { path: `${modelPath}.lens.json`, contents },
      chosen: { method: 'auto', data: 'rows.csv', sentence: 'a fine film' },
      origin: { kind: 'panel' },
      exists: filesAt(),
    });
    assert.ok(s);
    assert.equal(s.background, undefined);
    assert.deepEqual([s.data, s.rows, s.text?.sentence], ['', undefined, 'a fine film']);
  });
});
