// The Attributions tab's host path on mlp_wine.onnx + wine.csv in the real extension host: the same numbers as
// the CLI, progress and partial rows, the sidecar (remembered, reported, never overwritten when broken), the
// result cache, Cancel, closing the panel, a model failing mid-run, and the panel commands.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { ModelLensApi } from '../../src/extension';
import type { Attribution } from '../../src/protocol/attributionTypes';
import type { ExplainChoices } from '../../src/protocol/messages';
import { activateExtension, closeAllEditors, EXTENSION_ID, settledPanel, workspaceFile } from './helpers';

const MODEL = () => workspaceFile('models', 'mlp_wine.onnx');
const SIDECAR = () => workspaceFile('models', 'mlp_wine.onnx.lens.json');
const WINE = '../data/wine.csv';
/** exact over 13 features with the whole data as background: about 260 million model rows, minutes of work. */
const LONG: ExplainChoices = { method: 'exact', data: WINE, rows: '0-177', backgroundSize: 178, seed: 0 };

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function removeSidecar(): Promise<void> {
  await vscode.workspace.fs.delete(SIDECAR()).then(
    () => undefined,
    () => undefined,
  );
}

/** The CLI from the same build, for the same settings (Electron runs it as plain Node). */
function cliExplain(args: string[]): Attribution {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const out = execFileSync(process.execPath, [`${ext.extensionPath}/dist/cli.js`, 'explain', ...args, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return JSON.parse(out) as Attribution;
}

async function openSession(api: ModelLensApi, model = MODEL()) {
  await vscode.commands.executeCommand('modelLens.explainModel', model);
  assert.equal((await settledPanel(api, model)).status, 'ready');
  const session = api.explainSession(model);
  assert.ok(session, 'the panel has an Attributions session');
  return session;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Attributions of mlp_wine.onnx on wine.csv through the panel host', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);
  after(removeSidecar);

  it("KernelSHAP with progress and partial rows: the CLI's numbers, torch's predictions, efficiency", async () => {
    await removeSidecar();
    const api = await activateExtension();
    const session = await openSession(api);
    const choices: ExplainChoices = { method: 'kernel', data: WINE, rows: '0-9', seed: 3, backgroundSize: 40 };
    const plan = await session.plan(choices);
    assert.equal(plan.method, 'kernel');
    assert.equal(plan.explainedRows, 10);
    assert.ok(plan.evaluations > 0 && plan.etaSeconds !== undefined, JSON.stringify(plan));

    const progress: { done: number; total: number }[] = [];
    const partialRows: number[] = [];
    const subscriptions = [
      session.onProgress((p) => progress.push(p)),
      session.onPartial((p) => partialRows.push(p.attribution.rows.length)),
    ];
    const outcome = await session.run(choices).finally(() => subscriptions.forEach((s) => s.dispose()));
    const a = outcome.attribution;
    assert.equal(a.method, 'kernel');
    assert.deepEqual(a.rows, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(outcome.otherColumns, ['cultivar']);

    // Progress climbs to its total; finished rows arrive before the answer, never fewer than before.
    assert.ok(progress.length > 0, 'progress notifications');
    assert.equal(progress[progress.length - 1].done, progress[progress.length - 1].total);
    progress.forEach((p, i) => i && assert.ok(p.done >= progress[i - 1].done));
    assert.ok(partialRows.length > 0, 'partial results');
    partialRows.forEach((n, i) => i && assert.ok(n >= partialRows[i - 1]));
    assert.ok(partialRows[partialRows.length - 1] <= 10);

    // The CLI gives the same values for the same settings.
    const cli = cliExplain([
      MODEL().fsPath,
      '--data',
      workspaceFile('data', 'wine.csv').fsPath,
      '--rows',
      '0-9',
      '--method',
      'kernel',
      '--seed',
      '3',
      '--background-size',
      '40',
    ]);
    assert.equal(cli.values.length, 10);
    cli.values.forEach((row, r) =>
      row.forEach((perClass, f) =>
        perClass.forEach((v, c) =>
          assert.ok(
            Math.abs(v - a.values[r][f][c]) < 1e-9,
            `row ${r} feature ${f} class ${c}: ${v} vs ${a.values[r][f][c]}`,
          ),
        ),
      ),
    );
    // onnxruntime's outputs are torch's (the fixture's reference rows 0-4), and the values sum to f(x) - base.
    const ref = JSON.parse(
      await readText(
        vscode.Uri.joinPath(
          vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
          'test/fixtures/models/mlp_wine.ref.json',
        ),
      ),
    ) as { output: number[][] };
    ref.output.forEach((row, r) => row.forEach((p, c) => assert.ok(Math.abs(p - a.predictions[r][c]) < 1e-5)));
    a.values.forEach((row, r) =>
      [0, 1, 2].forEach((c) => {
        const sum = row.reduce((s, v) => s + v[c], 0);
        assert.ok(Math.abs(sum - (a.predictions[r][c] - a.base_values[c])) < 1e-6, `efficiency row ${r} class ${c}`);
      }),
    );

    // The choices went to the sidecar; reopening the panel shows the cached result at once.
    const sidecar = JSON.parse(await readText(SIDECAR()));
    assert.deepEqual(
      {
        data: sidecar.data,
        rows: sidecar.rows,
        method: sidecar.method,
        seed: sidecar.seed,
        bg: sidecar.backgroundSize,
      },
      { data: WINE, rows: '0-9', method: 'kernel', seed: 3, bg: 40 },
    );
    await closeAllEditors();
    const reopened = await openSession(api);
    const t0 = Date.now();
    const options = await reopened.options();
    assert.ok(Date.now() - t0 < 5000, 'from the cache, not a new run');
    assert.deepEqual(options.cached?.attribution.values, a.values);
    assert.deepEqual(
      [options.choices.data, options.choices.rows, options.choices.method, options.choices.seed],
      [WINE, '0-9', 'kernel', 3],
    );

    // Permutation importance on the label column and PDP go into the report with the run.
    const importance = await reopened.importance(choices, 'cultivar');
    assert.equal(importance.metric, 'accuracy');
    assert.equal(importance.mean.length, 13);
    const pdp = await reopened.pdp(choices, 'proline');
    assert.equal(pdp.feature, 'proline');
    assert.equal(pdp.average.length, 3);
    assert.deepEqual(reopened.globalResults.importance, importance);
    assert.deepEqual(
      reopened.globalResults.pdp.map((p) => p.feature),
      ['proline'],
    );
  });

  it('a sidecar with wrong fields: each named with its file, the run goes on with the rest and the defaults', async () => {
    const api = await activateExtension();
    await writeText(
      SIDECAR(),
      JSON.stringify({ version: 1, data: WINE, rows: '0-1', method: 'shapley', seed: -1, samples: 300, colour: 'red' }),
    );
    const session = await openSession(api);
    const options = await session.options();
    assert.deepEqual(options.sidecar.problems, [
      'mlp_wine.onnx.lens.json: unknown field "colour"',
      'mlp_wine.onnx.lens.json: field "method": method must be one of auto, exact, kernel, permutation, tree, lime, partition, occlusion',
      'mlp_wine.onnx.lens.json: field "seed": seed must be a whole number from 0',
    ]);
    assert.equal(options.choices.method, 'auto');
    assert.equal(options.choices.samples, 300);
    const outcome = await session.run(options.choices);
    assert.equal(outcome.attribution.rows.length, 2);
    // Remembering the run keeps the user's other fields.
    const written = JSON.parse(await readText(SIDECAR()));
    assert.equal(written.colour, 'red');
    assert.equal(written.method, 'auto');

    // A sidecar that is not JSON: reported with its place, the run uses the defaults, the file stays as written.
    const broken = '{\n  "method": "kernel",\n  "rows": \n';
    await writeText(SIDECAR(), broken);
    const again = await session.options();
    assert.equal(again.sidecar.problems.length, 1);
    assert.match(
      again.sidecar.problems[0],
      /^mlp_wine\.onnx\.lens\.json: not valid JSON at line 3, column 10 \(the text ends early\); using the defaults$/,
    );
    await session.run({ ...again.choices, data: WINE, rows: '0' });
    assert.equal(await readText(SIDECAR()), broken);
  });

  it('Cancel stops a long run within a second and the next run goes through; closing the panel cancels its run', async () => {
    await removeSidecar();
    const api = await activateExtension();
    const session = await openSession(api);
    let started = false;
    const sub = session.onProgress(() => (started = true));
    const long = session.run(LONG);
    await until(() => started, 'the long run to report progress', 60_000);
    const t0 = Date.now();
    session.cancel();
    await assert.rejects(long, /Cancelled/);
    assert.ok(Date.now() - t0 < 1500, `stopped in ${Date.now() - t0} ms`);
    sub.dispose();
    const next = await session.run({ method: 'kernel', data: WINE, rows: '0-1', backgroundSize: 20 });
    assert.equal(next.attribution.rows.length, 2);

    // Closing the panel cancels what it started.
    started = false;
    const sub2 = session.onProgress(() => (started = true));
    const orphan = session.run(LONG);
    await until(() => started, 'the second long run to report progress', 60_000);
    const t1 = Date.now();
    await closeAllEditors();
    await assert.rejects(orphan, /Cancelled/);
    assert.ok(Date.now() - t1 < 3000, `stopped in ${Date.now() - t1} ms after the panel closed`);
    sub2.dispose();
    // The engine is free: a new panel runs at once.
    const fresh = await openSession(api);
    const t2 = Date.now();
    await fresh.run({ method: 'kernel', data: WINE, rows: '0', backgroundSize: 10 });
    assert.ok(Date.now() - t2 < 20_000);
  });

  it('a model failing mid-run: the message names the model and the cause; the panel runs the next request', async () => {
    const api = await activateExtension();
    const bad = workspaceFile('bad', 'fails_on_mixed_rows.onnx');
    const session = await openSession(api, bad);
    await assert.rejects(
      session.run({ method: 'exact', data: '../data/mixed.csv', rows: '0' }),
      /fails_on_mixed_rows\.onnx: the model failed on a block of \d+ rows of 'x'/,
    );
    // The same session goes on: a data path that does not exist is named, rows past the end are told in the panel's words.
    await assert.rejects(
      session.run({ method: 'exact', data: '../data/missing.csv', rows: '0' }),
      /missing\.csv: cannot be read \(does it exist\?\)/,
    );
    await assert.rejects(
      session.run({ method: 'exact', data: '../data/mixed.csv', rows: '7' }),
      /row 7 is past the data's 3 rows/,
    );
    const ok = await (await openSession(api)).run({ method: 'kernel', data: WINE, rows: '0', backgroundSize: 10 });
    assert.equal(ok.attribution.rows.length, 1);
  });

  it('data that does not fit: an empty file, too few columns, a value that is not a number, each named', async () => {
    const api = await activateExtension();
    const session = await openSession(api);
    const run = (data: string) => session.run({ method: 'kernel', data, rows: '0', backgroundSize: 10 });
    await assert.rejects(run('../data/empty.csv'), /: empty\.csv: is empty$/);
    await assert.rejects(run('../data/two_columns.csv'), /two_columns\.csv: has 2 numeric columns, the model takes 13/);
    await assert.rejects(
      run('../data/wine_bad.csv'),
      /wine_bad\.csv: row 3, column "alcohol" \(1\): "abc" is not a number/,
    );
    // The session is still usable, and the last good run is what the report would carry.
    const ok = await run(WINE);
    assert.equal(session.lastRun?.outcome, ok);
  });

  it('panel commands: Open sidecar creates it from the choices, Reveal model file, Re-run runs the form in the webview', async () => {
    await removeSidecar();
    const api = await activateExtension();
    const session = await openSession(api);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['modelLens.rerunExplanation', 'modelLens.openSidecar', 'modelLens.revealModel'])
      assert.ok(commands.includes(c), c);
    await session.plan({ method: 'kernel', data: WINE, rows: '0-1', backgroundSize: 20, seed: 5 });
    await vscode.commands.executeCommand('modelLens.openSidecar');
    await until(() => vscode.window.activeTextEditor?.document.uri.fsPath === SIDECAR().fsPath, 'the sidecar editor');
    const created = JSON.parse(await readText(SIDECAR()));
    assert.deepEqual(
      { data: created.data, rows: created.rows, method: created.method, seed: created.seed },
      { data: WINE, rows: '0-1', method: 'kernel', seed: 5 },
    );
    // Opening it again leaves it as it is.
    await writeText(SIDECAR(), JSON.stringify({ ...created, samples: 200 }, null, 2));
    await session.openSidecar({ method: 'lime' });
    assert.equal(JSON.parse(await readText(SIDECAR())).method, 'kernel');

    await vscode.commands.executeCommand('modelLens.revealModel');
    // Re-run: the webview shows its Attributions tab and runs its form (the sidecar's choices).
    let finished = 0;
    const sub = session.onProgress((p) => p.done === p.total && finished++);
    await vscode.commands.executeCommand('modelLens.rerunExplanation');
    await until(() => session.lastRun?.outcome.attribution.rows.length === 2, 'the re-run to finish', 60_000);
    sub.dispose();
    assert.ok(finished > 0);
    assert.equal(session.lastRun?.settings.samples, 200);
  });

  it('an untrusted workspace: the overview and graph work, running and reading the data wait for trust', async () => {
    const api = await activateExtension();
    const choices: ExplainChoices = { method: 'kernel', data: WINE, rows: '0', backgroundSize: 10, seed: 1 };
    // A result in the cache: an untrusted workspace must not read the data to look it up.
    const trusted = await openSession(api);
    await trusted.run(choices);
    assert.ok((await trusted.options()).cached);
    await closeAllEditors();
    api.setWorkspaceTrust(false);
    try {
      const session = await openSession(api);
      const graph = await api.engine.rpc().request('graph/open', { path: MODEL().fsPath });
      assert.ok(graph.index.length > 0, 'the graph opens');
      await api.engine.rpc().request('graph/close', { graphId: graph.graphId });
      const options = await session.options();
      assert.equal(options.cached, undefined);
      assert.ok(options.sidecar.problems.some((p) => /waits until you trust this workspace/.test(p)));
      const waits = /waits until you trust this workspace.*Manage Workspace Trust/;
      await assert.rejects(session.run(choices), waits);
      await assert.rejects(session.plan(choices), waits);
      await assert.rejects(session.importance(choices, ''), waits);
      await assert.rejects(session.pdp(choices, 'alcohol'), waits);
      api.setWorkspaceTrust(true);
      assert.equal((await session.run(choices)).attribution.rows.length, 1, 'runs once trusted');
    } finally {
      api.setWorkspaceTrust(undefined);
    }
  });

  it('the same commands act on the model viewer (the custom editor opened on the .onnx file)', async () => {
    await removeSidecar();
    const api = await activateExtension();
    await vscode.commands.executeCommand('vscode.openWith', MODEL(), 'modelLens.modelViewer');
    await until(() => api.editorState(MODEL())?.status === 'ready', 'the model viewer');
    assert.equal(api.openPanels(), 0, 'no Explain Model panel is open');
    const session = api.editorExplainSession(MODEL());
    assert.ok(session, 'the model viewer has an Attributions session');
    await session.plan({ method: 'kernel', data: WINE, rows: '0-2', backgroundSize: 20, seed: 3 });
    await vscode.commands.executeCommand('modelLens.openSidecar');
    await until(() => vscode.window.activeTextEditor?.document.uri.fsPath === SIDECAR().fsPath, 'the sidecar editor');
    assert.equal(JSON.parse(await readText(SIDECAR())).rows, '0-2');
    await vscode.commands.executeCommand('modelLens.revealModel');
    await vscode.commands.executeCommand('modelLens.rerunExplanation');
    await until(() => session.lastRun?.outcome.attribution.rows.length === 3, 'the re-run to finish', 60_000);
    // Profile Model from the viewer's title bar profiles in the viewer's own Performance section: no panel opens.
    await vscode.commands.executeCommand('modelLens.profileModel');
    assert.equal(api.openPanels(), 0, 'Profile Model acted on the model viewer');
  });
});
