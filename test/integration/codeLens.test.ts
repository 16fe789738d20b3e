import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, settledPanel, workspaceFile } from './helpers';

describe('beside the code', () => {
  after(closeAllEditors);

  it('puts Explain Model | View Graph above lines naming an existing .onnx file, and only those', async () => {
    const api = await activateExtension();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('train.py'));
    await vscode.window.showTextDocument(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const ours = lenses.filter((l) => l.command?.command.startsWith('modelLens.'));
    assert.deepEqual(
      ours.map((l) => [l.range.start.line, l.command?.title]),
      [
        [1, 'Explain Model'],
        [1, 'View Graph'],
      ],
    );
    const target = ours[0].command?.arguments?.[0] as vscode.Uri;
    assert.equal(target.fsPath, workspaceFile('models', 'mlp_diabetes.onnx').fsPath);
    await vscode.commands.executeCommand(ours[0].command!.command, ...(ours[0].command!.arguments ?? []));
    assert.equal((await settledPanel(api, target)).status, 'ready');
  });

  it('hovering the model path shows its inputs and outputs', async () => {
    await activateExtension();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('train.py'));
    const column = doc.lineAt(1).text.indexOf('mlp_diabetes') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(1, column),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    // Names from the model are escaped markdown (every punctuation mark behind a backslash).
    assert.match(text, /\*\*mlp\\_diabetes\\\.onnx\*\*/);
    assert.match(text, /\| input \| float32 \| \\\[batch\\, 10\\\] \|/);
    assert.match(text, /\| logits \| float32 \| \\\[batch\\, 2\\\] \|/);
    assert.match(text, /\[Explain Model\]\(command:modelLens\.explainModel\?/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(2, doc.lineAt(2).text.indexOf('missing') + 2),
    );
    assert.ok(
      !none.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('missing.onnx'))),
    );
  });

  it('validates sidecar files against the contributed JSON schema', async () => {
    const uri = workspaceFile('models', 'mlp_diabetes.onnx.lens.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('{ "version": 1, "method": "magic", "seed": -1 }'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const t0 = Date.now();
    let messages: string[] = [];
    while (Date.now() - t0 < 30_000) {
      messages = vscode.languages.getDiagnostics(uri).map((d) => d.message);
      if (messages.length >= 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(
      messages.some((m) => /auto, "?exact/.test(m) || /Value is not accepted/.test(m)),
      messages.join(' | '),
    );
    assert.ok(
      messages.some((m) => /minimum|0/.test(m)),
      messages.join(' | '),
    );
  });
});
