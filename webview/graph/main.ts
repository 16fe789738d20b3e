/** Wiring of the graph tab: asks the host for laid-out views, renders them, handles search and details. */
import { select } from 'd3';
import type { RpcEndpoint } from '../../src/protocol/endpoint';
import type { GraphIndexEntry, GraphView } from '../../src/protocol/graphTypes';
import type { PanelRequests } from '../../src/protocol/messages';
import { initialTransform, viewBounds } from './bounds';
import { detailsModel } from './details';
import { renderDetails } from './detailsView';
import { svgToPngBase64 } from '../common/png';
import { standaloneSvg } from './export';
import { renderMinimap, type Minimap } from './minimap';
import {
  fitTransform,
  focusTransform,
  rasterScale,
  revealNode,
  searchGraph,
  stepMatch,
  toggleGroup,
  type Rect,
} from './model';
import { isArrowKey, nextNode, panIntoView } from './navigation';
import { renderGraph, type GraphCanvas } from './render';
import { renderSlowest } from './slowestTable';
import { heat, visibleShares, type TimeSortKey } from './timeOverlay';
import type { ProfileResult } from '../../src/protocol/profileTypes';

type Host = Pick<RpcEndpoint<Record<string, never>, PanelRequests>, 'request'>;

export interface GraphTab {
  /** Time per node from a profile: the overlay and the slowest-nodes table. */
  setProfile(profile: ProfileResult): void;
}

export function mountGraph(container: HTMLElement, host: Host): GraphTab {
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
  bar
    .append('button')
    .attr('id', 'graph-export-png')
    .text('Export PNG')
    .on('click', () => void exportPng());
  const timeToggle = bar
    .append('button')
    .attr('id', 'graph-time-toggle')
    .attr('aria-pressed', 'false')
    .attr('title', 'Profile the model (Overview, Performance) to colour nodes by their share of the time')
    .property('disabled', true)
    .text('Time overlay')
    .on('click', () => {
      timeShown = !timeShown;
      timeToggle.attr('aria-pressed', String(timeShown));
      overlay();
    });
  const warnings = root.append('div').attr('id', 'graph-warnings').attr('class', 'notes');
  const body = root.append('div').attr('class', 'graph-body');
  const canvasEl = body
    .append('div')
    .attr('id', 'graph-canvas')
    .attr('class', 'graph-canvas')
    .attr('tabindex', 0)
    .attr('role', 'group')
    .attr('aria-label', 'Model graph: arrow keys move between nodes, Enter opens one, Escape closes its details')
    .node() as HTMLElement;
  const details = body.append('aside').attr('id', 'graph-details').attr('aria-live', 'polite');
  const slowest = root.append('section').attr('id', 'graph-slowest');
  let profile: ProfileResult | undefined;
  let timeShown = false;
  let timeSort: { key: TimeSortKey; descending: boolean } = { key: 'ms', descending: true };

  let view: GraphView | undefined;
  /** Everything drawn, edge labels included: what fit, the minimap and the exports frame. */
  let bounds: Rect = { x: 0, y: 0, width: 1, height: 1 };
  let canvas: GraphCanvas | undefined;
  let minimap: Minimap | undefined;
  let index: GraphIndexEntry[] = [];
  let matches: GraphIndexEntry[] = [];
  let current = -1;
  let selected: string | undefined;
  let generation = 0;
  let detailsGeneration = 0;

  const size = () => ({ w: canvasEl.clientWidth || 800, h: canvasEl.clientHeight || 600 });
  /** The Fit button shows the whole graph; the first view stays readable on very wide graphs. */
  const fit = (first = false) => {
    if (!view || !canvas) return;
    const { w, h } = size();
    canvas.zoomTo(first ? initialTransform(view, bounds, w, h) : fitTransform(bounds, w, h));
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
    bounds = viewBounds(view);
    warnings.text(view.warnings.length ? `Warnings: ${view.warnings.join('; ')}` : '');
    const previous = canvas?.transform();
    canvas = renderGraph(canvasEl, view, {
      onToggle: (id) => void show(toggleGroup(view?.expanded ?? [], id)),
      onSelect: (id) => void openDetails(id),
      onZoom: (t) => minimap?.update(t, size().w, size().h),
    });
    minimap = renderMinimap(canvasEl, view, bounds, (x, y) => {
      if (canvas) canvas.zoomTo(focusTransform(x, y, size().w, size().h, canvas.transform().k));
    });
    // Expanding or collapsing keeps the user's place rather than jumping back to the origin.
    if (previous) canvas.zoomTo(previous);
    minimap.update(canvas.transform(), size().w, size().h);
    highlight();
    overlay();
  }

  function overlay(): void {
    if (!canvas || !view) return;
    if (!profile || !timeShown) {
      canvas.timeOverlay(undefined);
      return;
    }
    const shares = visibleShares(profile.nodes, index, new Set(view.nodes.map((n) => n.id)));
    canvas.timeOverlay(heat(shares), shares);
  }

  function drawSlowest(): void {
    if (!profile) return;
    renderSlowest(slowest, profile.nodes, timeSort, {
      sort: (next) => {
        timeSort = next;
        drawSlowest();
      },
      reveal: (id) => void goTo(id),
    });
  }

  function highlight(): void {
    const ids = new Set(matches.map((m) => m.id));
    canvas?.highlight(ids, selected);
    minimap?.highlight(ids, selected);
  }

  /** The details column takes room only while it shows something; the canvas gets it back otherwise. */
  function closeDetails(): void {
    detailsGeneration++; // a reply still on its way must not reopen what was closed
    details.selectAll('*').remove();
    body.classed('details-open', false);
  }

  async function openDetails(id: string): Promise<void> {
    selected = id;
    highlight();
    body.classed('details-open', true);
    const mine = ++detailsGeneration;
    try {
      const d = await host.request('graph/node', { id });
      if (mine === detailsGeneration) renderDetails(details, detailsModel(d), (link) => void goTo(link));
    } catch (e) {
      if (mine === detailsGeneration) details.text(e instanceof Error ? e.message : String(e));
    }
  }

  /** Shows a node: opens the groups hiding it, centres it at full scale, and opens its details. */
  async function goTo(id: string): Promise<void> {
    const entry = index.find((e) => e.id === id);
    if (entry && view && !view.nodes.some((n) => n.id === id)) await show(revealNode(view.expanded, entry));
    const pending = openDetails(id); // first, so the canvas has its final width when centring
    const n = view?.nodes.find((x) => x.id === id);
    if (n && canvas) {
      const { w, h } = size();
      canvas.zoomTo(focusTransform(n.x, n.y, w, h));
    }
    await pending;
  }

  async function jump(step: 1 | -1): Promise<void> {
    current = stepMatch(current, matches.length, step);
    count.text(matches.length ? `${current + 1} of ${matches.length}` : 'no match');
    const entry = matches[current];
    if (entry) await goTo(entry.id);
  }

  search.on('input', () => {
    matches = searchGraph(index, (search.node() as HTMLInputElement).value);
    current = -1;
    count.text(
      matches.length ? `${matches.length} matches` : (search.node() as HTMLInputElement).value ? 'no match' : '',
    );
    highlight();
  });
  search.on('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter') void jump(e.shiftKey ? -1 : 1);
    if (e.key === 'Escape') closeDetails();
  });

  select(canvasEl).on('keydown', (e: KeyboardEvent) => {
    if (!view || !canvas) return;
    if (isArrowKey(e.key)) {
      e.preventDefault(); // arrows would scroll the page
      const id = nextNode(view.nodes, view.edges, selected, e.key);
      const node = view.nodes.find((n) => n.id === id);
      if (!node) return;
      selected = node.id;
      highlight();
      const { w, h } = size();
      const t = canvas.transform();
      const moved = panIntoView(t, node, w, h);
      if (moved !== t) canvas.zoomTo(moved);
    } else if (e.key === 'Enter' && selected) {
      e.preventDefault();
      const node = view.nodes.find((n) => n.id === selected);
      // The same as a click: a group opens or closes, anything else shows its details.
      if (node?.expandable) void show(toggleGroup(view.expanded, node.id));
      else if (node) void openDetails(node.id);
    } else if (e.key === 'Escape') {
      closeDetails();
    }
  });
  // A resized canvas shows more or less of the layout: keep the minimap's viewport honest.
  // The details column opening narrows the canvas: keep the selected node in sight too.
  new ResizeObserver(() => {
    if (!canvas || !view) return;
    const { w, h } = size();
    const node = view.nodes.find((n) => n.id === selected);
    const t = canvas.transform();
    const moved = node ? panIntoView(t, node, w, h) : t;
    if (moved !== t) canvas.zoomTo(moved);
    else minimap?.update(t, w, h);
  }).observe(canvasEl);

  async function exportSvg(): Promise<void> {
    const svg = canvasEl.querySelector<SVGSVGElement>('#graph-svg');
    if (!svg || !view) return;
    const { text } = standaloneSvg(svg, bounds);
    await save(() => host.request('panel/saveFile', { defaultName: 'graph.svg', format: 'svg', text }));
  }

  async function exportPng(): Promise<void> {
    const svg = canvasEl.querySelector<SVGSVGElement>('#graph-svg');
    if (!svg || !view) return;
    const standalone = standaloneSvg(svg, bounds);
    const style = getComputedStyle(document.body);
    const background = style.getPropertyValue('--vscode-editor-background').trim() || style.backgroundColor;
    await save(async () => {
      const base64 = await svgToPngBase64(standalone, rasterScale(standalone.width, standalone.height), background);
      return host.request('panel/saveFile', { defaultName: 'graph.png', format: 'png', base64 });
    });
  }

  async function save(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      warnings.text(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  void (async () => {
    try {
      index = await host.request('graph/index', {});
    } catch (e) {
      warnings.text(e instanceof Error ? e.message : String(e));
      return;
    }
    await show([], true);
    fit(true);
  })();

  return {
    setProfile(p) {
      profile = p;
      timeShown = true;
      timeToggle.property('disabled', false).attr('aria-pressed', 'true');
      overlay();
      drawSlowest();
    },
  };
}
