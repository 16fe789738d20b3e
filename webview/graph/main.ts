/** Wiring of the graph tab: asks the host for laid-out views, renders them, handles search and details. */
import { select } from 'd3';
import type { RpcEndpoint } from '../../src/protocol/endpoint';
import type { GraphIndexEntry, GraphView, NodeDetails } from '../../src/protocol/graphTypes';
import type { PanelRequests } from '../../src/protocol/messages';
import { fitTransform, focusTransform, revealNode, searchGraph, stepMatch, toggleGroup } from './model';
import { renderGraph, type GraphCanvas } from './render';

type Host = Pick<RpcEndpoint<Record<string, never>, PanelRequests>, 'request'>;

const PROPERTIES = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'font-size',
  'font-family',
  'font-weight',
  'opacity',
  'text-anchor',
];

export function mountGraph(container: HTMLElement, host: Host): void {
  const root = select(container);
  root.selectAll('*').remove();
  const bar = root.append('div').attr('class', 'graph-toolbar');
  const search = bar
    .append('input')
    .attr('id', 'graph-search')
    .attr('type', 'search')
    .attr('placeholder', 'Search nodes, ops, tensors');
  const count = bar.append('span').attr('id', 'graph-search-count').attr('class', 'hint');
  bar
    .append('button')
    .attr('id', 'graph-prev')
    .text('Previous')
    .on('click', () => jump(-1));
  bar
    .append('button')
    .attr('id', 'graph-next')
    .text('Next')
    .on('click', () => jump(1));
  bar
    .append('button')
    .attr('id', 'graph-fit')
    .text('Fit')
    .on('click', () => fit());
  bar
    .append('button')
    .attr('id', 'graph-export-svg')
    .text('Export SVG')
    .on('click', () => void exportSvg());
  const warnings = root.append('div').attr('id', 'graph-warnings').attr('class', 'notes');
  const body = root.append('div').attr('class', 'graph-body');
  const canvasEl = body.append('div').attr('class', 'graph-canvas').node() as HTMLElement;
  const details = body.append('aside').attr('id', 'graph-details').attr('aria-live', 'polite');

  let view: GraphView | undefined;
  let canvas: GraphCanvas | undefined;
  let index: GraphIndexEntry[] = [];
  let matches: GraphIndexEntry[] = [];
  let current = -1;
  let selected: string | undefined;
  let generation = 0;

  const size = () => ({ w: canvasEl.clientWidth || 800, h: canvasEl.clientHeight || 600 });
  const fit = () => {
    if (!view || !canvas) return;
    const { w, h } = size();
    canvas.zoomTo(fitTransform(view, w, h));
  };

  async function show(expanded: string[], initial = false): Promise<void> {
    const mine = ++generation;
    let next: GraphView;
    try {
      next = await host.request('graph/view', { expanded, initial });
    } catch (e) {
      if (mine === generation) warnings.text(e instanceof Error ? e.message : String(e));
      return;
    }
    if (mine !== generation) return; // a newer view was asked for
    view = next;
    warnings.text(view.warnings.length ? `Warnings: ${view.warnings.join('; ')}` : '');
    canvas = renderGraph(canvasEl, view, {
      onToggle: (id) => void show(toggleGroup(view?.expanded ?? [], id)),
      onSelect: (id) => void openDetails(id),
    });
    canvas.highlight(new Set(matches.map((m) => m.id)), selected);
  }

  async function openDetails(id: string): Promise<void> {
    selected = id;
    canvas?.highlight(new Set(matches.map((m) => m.id)), selected);
    try {
      renderDetails(await host.request('graph/node', { id }));
    } catch (e) {
      details.text(e instanceof Error ? e.message : String(e));
    }
  }

  function renderDetails(d: NodeDetails): void {
    details.selectAll('*').remove();
    details.append('h2').text(`${d.op}${d.name ? ` · ${d.name}` : ''}`);
    details.append('p').attr('class', 'hint').text(d.domain);
    const section = (title: string, rows: string[][]) => {
      if (!rows.length) return;
      details.append('h3').text(title);
      details
        .append('table')
        .append('tbody')
        .selectAll('tr')
        .data(rows)
        .join('tr')
        .selectAll('td')
        .data((r) => r)
        .join('td')
        .text((c) => c);
    };
    section(
      'Attributes',
      d.attributes.map((a) => [a.name, a.value]),
    );
    section(
      'Inputs',
      d.inputs.map((t) => [t.name, t.shape]),
    );
    section(
      'Outputs',
      d.outputs.map((t) => [t.name, t.shape]),
    );
    section(
      'Weights',
      d.weights.map((w) => [
        w.name,
        `${w.dtype} [${w.dims.join(', ')}]`,
        w.stats
          ? `min ${w.stats.min.toPrecision(3)}, max ${w.stats.max.toPrecision(3)}, mean ${w.stats.mean.toPrecision(3)}, std ${w.stats.std.toPrecision(3)}, zeros ${((100 * w.stats.zeros) / Math.max(1, w.stats.count)).toFixed(1)}%`
          : w.location,
      ]),
    );
  }

  async function jump(step: 1 | -1): Promise<void> {
    current = stepMatch(current, matches.length, step);
    count.text(matches.length ? `${current + 1} of ${matches.length}` : 'no match');
    const entry = matches[current];
    if (!entry || !view) return;
    if (!view.nodes.some((n) => n.id === entry.id)) await show(revealNode(view.expanded, entry));
    const n = view?.nodes.find((x) => x.id === entry.id);
    if (n && canvas) {
      const { w, h } = size();
      canvas.zoomTo(focusTransform(n.x, n.y, w, h));
    }
    await openDetails(entry.id);
  }

  search.on('input', () => {
    matches = searchGraph(index, (search.node() as HTMLInputElement).value);
    current = -1;
    count.text(
      matches.length ? `${matches.length} matches` : (search.node() as HTMLInputElement).value ? 'no match' : '',
    );
    canvas?.highlight(new Set(matches.map((m) => m.id)), selected);
  });
  search.on('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter') void jump(e.shiftKey ? -1 : 1);
    if (e.key === 'Escape') details.selectAll('*').remove();
  });

  async function exportSvg(): Promise<void> {
    const svg = canvasEl.querySelector('svg');
    if (!svg || !view) return;
    const clone = svg.cloneNode(true) as SVGSVGElement;
    // Resolve theme variables into the file so it stands alone.
    const live = svg.querySelectorAll('*');
    clone.querySelectorAll('*').forEach((el, i) => {
      const cs = getComputedStyle(live[i]);
      for (const p of PROPERTIES) (el as SVGElement).style.setProperty(p, cs.getPropertyValue(p));
    });
    (clone.querySelector('.graph-root') as SVGGElement | null)?.removeAttribute('transform');
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('viewBox', `-20 -20 ${view.width + 40} ${view.height + 40}`);
    clone.setAttribute('width', String(view.width + 40));
    clone.setAttribute('height', String(view.height + 40));
    await host.request('panel/saveFile', { defaultName: 'graph.svg', format: 'svg', text: clone.outerHTML });
  }

  void (async () => {
    try {
      index = await host.request('graph/index', {});
    } catch (e) {
      warnings.text(e instanceof Error ? e.message : String(e));
      return;
    }
    await show([], true);
    fit();
  })();
}
