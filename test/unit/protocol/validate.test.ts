import assert from 'node:assert/strict';
import { validatePanelMessage } from '../../../src/protocol/validate';

describe('webview message validation', () => {
  it('accepts the known requests with empty params', () => {
    assert.equal(validatePanelMessage('panel/ready', {}), undefined);
    assert.equal(validatePanelMessage('panel/runOnce', {}), undefined);
  });
  it('refuses unknown methods and unexpected params', () => {
    assert.match(validatePanelMessage('model/load', { path: '/etc/passwd' }) ?? '', /Unknown request/);
    assert.match(validatePanelMessage('panel/runOnce', { modelId: 'm1' }) ?? '', /Invalid 'panel\/runOnce'/);
    assert.match(validatePanelMessage('panel/ready', null) ?? '', /Invalid/);
    assert.match(validatePanelMessage('panel/ready', []) ?? '', /Invalid/);
  });
});
