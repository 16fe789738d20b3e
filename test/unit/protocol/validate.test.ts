import assert from 'node:assert/strict';
import { validatePanelMessage } from '../../../src/protocol/validate';

describe('webview message validation', () => {
  it('accepts well-formed requests', () => {
    assert.equal(validatePanelMessage('panel/ready', {}), undefined);
    assert.equal(
      validatePanelMessage('panel/runOnce', { dimSizes: { batch: 2, 'x[1]': 512 }, fill: { sr: 16000 } }),
      undefined,
    );
    assert.equal(validatePanelMessage('graph/view', { expanded: ['/encoder'] }), undefined);
    assert.equal(validatePanelMessage('panel/summary', {}), undefined);
    assert.equal(validatePanelMessage('panel/summary', { dimSizes: { height: 224, 'x[3]': 160 } }), undefined);
    assert.equal(
      validatePanelMessage('panel/saveFile', { defaultName: 'graph.svg', format: 'svg', text: '<svg/>' }),
      undefined,
    );
    assert.equal(
      validatePanelMessage('panel/saveFile', { defaultName: 'graph.png', format: 'png', base64: 'iVBORw0KGgo=' }),
      undefined,
    );
    // An image map saved as numpy's .npy (binary, so base64).
    assert.equal(
      validatePanelMessage('panel/saveFile', { defaultName: 'digit-7-map.npy', format: 'npy', base64: 'k05VTVBZAQA=' }),
      undefined,
    );
  });

  it('refuses sizes that are not positive, names that are paths, and mixed payloads', () => {
    assert.match(validatePanelMessage('panel/runOnce', { dimSizes: { batch: 0 }, fill: {} }) ?? '', /Invalid/);
    assert.match(validatePanelMessage('panel/runOnce', { dimSizes: { batch: 'x' }, fill: {} }) ?? '', /Invalid/);
    assert.match(validatePanelMessage('panel/runOnce', { dimSizes: {}, fill: { sr: Infinity } }) ?? '', /Invalid/);
    assert.match(validatePanelMessage('panel/summary', { dimSizes: { width: 0 } }) ?? '', /Invalid/);
    assert.match(validatePanelMessage('panel/summary', { path: '/etc' }) ?? '', /Invalid/);
    assert.match(
      validatePanelMessage('panel/saveFile', { defaultName: '../x.svg', format: 'svg', text: '' }) ?? '',
      /plain file name/,
    );
    assert.match(
      validatePanelMessage('panel/saveFile', { defaultName: 'x.exe', format: 'exe', text: '' }) ?? '',
      /unknown format/,
    );
    assert.match(
      validatePanelMessage('panel/saveFile', { defaultName: 'x.png', format: 'png', text: 'a', base64: 'AA==' }) ?? '',
      /exactly one/,
    );
    assert.match(validatePanelMessage('graph/view', { expanded: [1, 2] }) ?? '', /Invalid/);
  });
  it('refuses unknown methods and unexpected params', () => {
    assert.match(validatePanelMessage('model/load', { path: '/etc/passwd' }) ?? '', /Unknown request/);
    assert.match(validatePanelMessage('panel/runOnce', { modelId: 'm1' }) ?? '', /Invalid 'panel\/runOnce'/);
    assert.match(validatePanelMessage('panel/ready', null) ?? '', /Invalid/);
    assert.match(validatePanelMessage('panel/ready', []) ?? '', /Invalid/);
  });
});
