/** The Attributions tab's view of a sequence explanation (and the report's): the signal, its window bands, curves. */
import { curvesView } from '../image/models/curves';
import { renderCurves } from '../image/render/curves';
import { renderHeatLegend } from '../image/render/legend';
import { formatNumber } from '../models/common';
import type { Area } from '../panelRender';
import { kindSection, type KindViewHandlers, type KindViewInput } from '../text/view';
import { bandsView, sequenceRowName, signalView, strongestWindowsText } from './models/sequenceView';
import { renderSignal } from './render/signal';

export function drawSequenceView(parent: Area, input: KindViewInput, h: KindViewHandlers): void {
  const { attr } = input;
  const row = Math.max(0, Math.min(input.row, attr.rows.length - 1));
  const width = Math.min(input.width, 960);
  if (attr.rows.length > 1) {
    const list = parent.append('section').attr('class', 'attr-chart').attr('id', 'section-sequences');
    list.append('div').attr('class', 'attr-chart-head').append('h3').text('Explained sequences');
    const buttons = list.append('div').attr('class', 'ml-sequence-rows');
    attr.rows.forEach((_, r) =>
      buttons
        .append('button')
        .attr('type', 'button')
        .attr('class', 'ml-link')
        .attr('id', `seq-row-${r}`)
        .attr('aria-pressed', String(r === row))
        .text(sequenceRowName(attr, r))
        .on('click', () => h.selectRow(r)),
    );
  }
  const bands = bandsView(attr, row, input.target);
  const name = sequenceRowName(attr, row);
  if (!bands) {
    parent.append('p').attr('class', 'hint').text(`The windows of ${name} have not arrived yet.`);
    return;
  }
  const title = `${name}: ${bands.className}`;
  const area = kindSection(parent, 'signal', `Signal and windows of ${title}`, input, h);
  renderSignal(area.el, signalView(attr, row), bands, { width, height: 300, title });
  const legendEl = area.section.append('div').attr('id', 'chart-signal-legend').node() as HTMLElement;
  renderHeatLegend(legendEl, {
    scale: bands.scale,
    mode: 'signed',
    opacity: 1,
    width: Math.min(width, 420),
    className: bands.className,
  });
  area.section
    .append('p')
    .attr('class', 'hint')
    .text(
      `${strongestWindowsText(bands)} The windows sum to ${formatNumber(bands.total)}` +
        (attr.method === 'lime'
          ? ' (LIME weights).'
          : ` = ${formatNumber(bands.prediction)} − ${formatNumber(bands.base)} with every window hidden.`) +
        (input.static ? '' : ' Hover a band, or focus it and use the arrow keys, for its value.'),
    );
  const curves = attr.faithfulness?.[row]?.[input.target];
  if (curves) {
    const c = kindSection(parent, 'curves', `How faithful the bands are: ${bands.className}`, input, h);
    renderCurves(c.el, curvesView(curves, bands.className, 'the windows'), {
      width: Math.min(width, 640),
      height: 330,
    });
  }
}
