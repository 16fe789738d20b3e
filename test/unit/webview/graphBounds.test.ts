import assert from 'node:assert/strict';
import path from 'node:path';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import type { GraphView, GraphViewNode } from '../../../src/protocol/graphTypes';
import { edgeLabel, initialTransform, LABEL_CHAR_WIDTH, viewBounds } from '../../../webview/graph/bounds';
import { fitTransform, type Rect } from '../../../webview/graph/model';
import { thirdPartyModel } from '../../support/thirdPartyModels';

async function realView(file: string, everyGroupOpen = false): Promise<GraphView> {
  const service = new GraphService(loadModelGraph);
  const { graphId, initialExpanded, index } = await service.open(file);
  return service.view(graphId, everyGroupOpen ? [...new Set(index.flatMap((e) => e.ancestors))] : initialExpanded);
}

const node = (id: string, x: number, y: number, category: GraphViewNode['category'] = 'other'): GraphViewNode => ({
  id,
  label: id,
  detail: '',
  name: id,
  category,
  x,
  y,
  width: 80,
  height: 30,
  expandable: false,
  expanded: false,
});

/** Screen box of a layout rect under a zoom transform. */
const onScreen = (r: Rect, t: { k: number; x: number; y: number }) => ({
  left: r.x * t.k + t.x,
  top: r.y * t.k + t.y,
  right: (r.x + r.width) * t.k + t.x,
  bottom: (r.y + r.height) * t.k + t.y,
});

describe('graph bounds: edge labels, fit and the first view', () => {
  it('places a shape label right of the middle point, halfway down, with the fold count', () => {
    const points = [
      { x: 10, y: 0 },
      { x: 30, y: 40 },
      { x: 10, y: 100 },
    ];
    assert.deepEqual(edgeLabel({ points, shape: '[N, 4]', count: 1 }), { x: 34, y: 50, text: '[N, 4]' });
    assert.equal(edgeLabel({ points, shape: '[N, 4]', count: 3 })?.text, '[N, 4] ×3');
    assert.equal(edgeLabel({ points, shape: '', count: 1 }), undefined, 'no shape, no label');
    assert.equal(edgeLabel({ points: points.slice(0, 1), shape: '[1]', count: 1 }), undefined);
  });

  it('grows the layout box to every label, node and frame, in whole units', () => {
    const label = '[batch, 16, 14, 14]'; // 19 characters
    const view = {
      width: 100,
      height: 100,
      nodes: [node('a', 50, 15), node('b', 50, 85)],
      edges: [
        {
          id: 'e0',
          source: 'a',
          target: 'b',
          points: [
            { x: 50, y: 30 },
            { x: 50, y: 70 },
          ],
          tensor: 't',
          shape: label,
          count: 1,
        },
      ],
      frames: [{ id: 'f', label: 'f', x: -10.5, y: -20, width: 50, height: 40, depth: 1 }],
    };
    const b = viewBounds(view);
    // The label starts at 54 and runs 19 characters: 54 + 19 × 6.4 = 175.6, rounded out to 176.
    assert.deepEqual(b, { x: -11, y: -20, width: 176 + 11, height: 120 });
    assert.equal(viewBounds({ ...view, edges: [] }).width, 111, 'without the label the layout and frame suffice');
    assert.ok(LABEL_CHAR_WIDTH >= 6, 'at least the 0.6 em advance of common monospace fonts at 10 px');
  });

  it('on a real CNN, the bounds hold every edge label the layout width leaves out', async () => {
    const view = await realView(path.resolve(__dirname, '../../fixtures/models/cnn_digits28.onnx'));
    const b = viewBounds(view);
    let widest = 0;
    for (const e of view.edges) {
      const l = edgeLabel(e);
      if (!l) continue;
      const right = l.x + l.text.length * LABEL_CHAR_WIDTH;
      widest = Math.max(widest, right);
      assert.ok(right <= b.x + b.width && l.y - 9 >= b.y && l.y + 3 <= b.y + b.height, `${l.text} inside`);
    }
    assert.ok(widest > view.width, `labels reach ${widest.toFixed(0)} past the layout's ${view.width}`);
    for (const n of view.nodes) assert.ok(n.x - n.width / 2 >= b.x && n.x + n.width / 2 <= b.x + b.width);
  });

  it('fits a box that does not start at the origin inside the margins', () => {
    const box = { x: -10, y: -37, width: 4670, height: 905 };
    const t = fitTransform(box, 1000, 600, 24);
    const s = onScreen(box, t);
    assert.ok(Math.abs(s.left - 24) < 1e-9 && Math.abs(s.right - 976) < 1e-9, 'width-bound: touches both margins');
    assert.ok(s.top >= 24 && s.bottom <= 576 && Math.abs(s.top + s.bottom - 600) < 1e-9, 'centred vertically');
  });

  it('the first view is the whole graph when that is readable', () => {
    const view = { nodes: [node('in', 100, 15, 'input')] };
    const box = { x: 0, y: 0, width: 2000, height: 300 };
    const t = initialTransform(view, box, 1000, 600);
    assert.deepEqual(t, fitTransform(box, 1000, 600));
    assert.ok(t.k >= 0.35 && t.k < 0.5);
  });

  it('a very wide graph opens at the readable minimum, at its top, on its first input', () => {
    const box = { x: 0, y: -37, width: 4670, height: 905 };
    const view = { nodes: [node('n0', 40, 15), node('in', 2000, 15, 'input'), node('in2', 4500, 15, 'input')] };
    const t = initialTransform(view, box, 1000, 600);
    assert.equal(t.k, 0.35, 'fitting the width would take 0.2');
    assert.ok(Math.abs(onScreen(box, t).top - 24) < 1e-9, 'the top of the graph at the margin');
    assert.ok(Math.abs(2000 * t.k + t.x - 500) < 1e-9, 'the first input in the middle');
  });

  it('near an edge of a wide graph, no blank shows beyond it', () => {
    const box = { x: 0, y: 0, width: 4670, height: 905 };
    const nearRight = initialTransform({ nodes: [node('in', 4600, 15, 'input')] }, box, 1000, 600);
    assert.ok(Math.abs(onScreen(box, nearRight).right - 976) < 1e-9, 'the right edge at the right margin');
    const nearLeft = initialTransform({ nodes: [node('in', 10, 15, 'input')] }, box, 1000, 600);
    assert.ok(Math.abs(onScreen(box, nearLeft).left - 24) < 1e-9, 'the left edge at the left margin');
    const noInput = initialTransform({ nodes: [node('b', 3000, 200), node('a', 2500, 15)] }, box, 1000, 600);
    assert.ok(Math.abs(2500 * noInput.k + noInput.x - 500) < 1e-9, 'without inputs, the topmost node');
  });

  it('a tall, narrow graph opens at natural size, centred, at its top', () => {
    const box = { x: 0, y: 0, width: 200, height: 20_000 };
    assert.deepEqual(initialTransform({ nodes: [] }, box, 1000, 600), { k: 1, x: 400, y: 24 });
    const wider = { x: 0, y: 0, width: 1900, height: 20_000 };
    const t = initialTransform({ nodes: [] }, wider, 1000, 600);
    assert.ok(Math.abs(t.k - 952 / 1900) < 1e-12, 'the scale that fits the width, above the minimum');
    assert.ok(Math.abs(t.x - 24) < 1e-9);
  });

  it('Silero VAD, every group open, first shows its input at a readable scale, at the top', async function () {
    this.timeout(60_000);
    // Every group open: with its Constant nodes drawn inside their consumers, the first view alone now fits.
    const view = await realView(await thirdPartyModel('silero_vad_v5'), true);
    const b = viewBounds(view);
    const [w, h] = [1000, 600];
    assert.ok(fitTransform(b, w, h).k < 0.35, 'the whole graph would be tiny');
    const t = initialTransform(view, b, w, h);
    assert.ok(t.k >= 0.35);
    assert.ok(Math.abs(onScreen(b, t).top - 24) < 1e-9);
    const input = view.nodes.find((n) => n.category === 'input')!;
    const box = onScreen(
      { x: input.x - input.width / 2, y: input.y - input.height / 2, width: input.width, height: input.height },
      t,
    );
    assert.ok(box.left >= 0 && box.right <= w && box.top >= 0 && box.bottom <= h, 'the first input is in sight');
  });
});
