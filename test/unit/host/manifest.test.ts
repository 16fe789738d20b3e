// What package.json promises VS Code: where the model views' commands show, and how the extension behaves in
// untrusted and virtual workspaces.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface MenuItem {
  command: string;
  when?: string;
}

interface Capability {
  supported: boolean | 'limited';
  description?: string;
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: Capability; virtualWorkspaces?: Capability };
  contributes: { menus: Record<string, MenuItem[]>; customEditors: { viewType: string }[] };
};

describe('package.json', () => {
  it('shows Re-run, Open Sidecar and Reveal Model File in the Explain Model panel and in the model viewer', () => {
    const viewer = manifest.contributes.customEditors[0].viewType;
    for (const command of ['modelLens.rerunExplanation', 'modelLens.openSidecar', 'modelLens.revealModel']) {
      const items = ['editor/title', 'commandPalette'].flatMap((menu) =>
        manifest.contributes.menus[menu].filter((m) => m.command === command),
      );
      assert.equal(items.length, 2, command);
      for (const item of items) {
        assert.match(item.when ?? '', /activeWebviewPanelId == 'modelLens\.explain'/, command);
        assert.ok(item.when?.includes(`activeCustomEditorId == '${viewer}'`), `${command}: ${item.when}`);
      }
    }
  });

  it('declares limited support for untrusted workspaces and none for virtual ones, each saying why', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted?.description ?? '', /overview and graph/);
    assert.match(untrusted?.description ?? '', /Run once, Explain, permutation importance, partial dependence/);
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.equal(virtual?.supported, false);
    assert.match(virtual?.description ?? '', /local files/);
  });
});
