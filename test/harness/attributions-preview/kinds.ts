/** Preview page of the text and sequence views from fake results; redraws when the theme class changes. */
import { select } from 'd3';
import type { Area } from '../../../webview/attributions/panelRender';
import { drawSequenceView } from '../../../webview/attributions/sequence/view';
import { drawTextView } from '../../../webview/attributions/text/view';
import { fakeSequenceAttribution, fakeTextAttribution } from './fakeKinds';

const text = fakeTextAttribution();
const sequence = fakeSequenceAttribution();
const app = document.getElementById('app') as HTMLElement;
const textCell = select(app).append('section').attr('id', 'text-view').attr('class', 'cell wide');
const sequenceCell = select(app).append('section').attr('id', 'sequence-view').attr('class', 'cell wide');
const state = { textRow: 0, textTarget: 0, sequenceRow: 0 };
const noop = () => undefined;

function renderAll(): void {
  textCell.selectAll('*').remove();
  drawTextView(
    textCell as unknown as Area,
    { attr: text, row: state.textRow, target: state.textTarget, width: 900 },
    { selectRow: (r) => ((state.textRow = r), renderAll()), exportSvg: noop, exportPng: noop },
  );
  sequenceCell.selectAll('*').remove();
  drawSequenceView(
    sequenceCell as unknown as Area,
    { attr: sequence, row: state.sequenceRow, target: 0, width: 900 },
    { selectRow: (r) => ((state.sequenceRow = r), renderAll()), exportSvg: noop, exportPng: noop },
  );
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
}

renderAll();
new MutationObserver(renderAll).observe(document.body, { attributes: true, attributeFilter: ['class'] });
Object.assign(window, { previewKinds: { text, sequence } });
