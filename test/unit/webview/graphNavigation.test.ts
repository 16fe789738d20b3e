import assert from 'node:assert/strict';
import path from 'node:path';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import type { GraphView } from '../../../src/protocol/graphTypes';
import {
  firstNode,
  nextNode,
  panIntoView,
  sameRow,
  type ArrowKey,
  type NodeBox,
} from '../../../webview/graph/navigation';

const box = (id: string, x: number, y: number, width = 80, height = 30): NodeBox => ({ id, x, y, width, height });

/*
 * y=0     a(100)
 * y=100   b(40)   c(150)          e(300)
 * y=200        d(100)
 * y=300   f(20)                  h(280)
 * a->b, a->c, a->d (long), b->d, c->d, d->f, f->a (back edge, drawn upwards)
 */
const nodes = [
  box('a', 100, 0),
  box('b', 40, 100),
  box('c', 150, 100),
  box('e', 300, 100),
  box('d', 100, 200),
  box('f', 20, 300),
  box('h', 280, 300),
];
const edges = [
  { source: 'a', target: 'b' },
  { source: 'a', target: 'c' },
  { source: 'a', target: 'd' },
  { source: 'b', target: 'd' },
  { source: 'c', target: 'd' },
  { source: 'd', target: 'f' },
  { source: 'f', target: 'a' },
];
const go = (from: string | undefined, key: ArrowKey) => nextNode(nodes, edges, from, key);

async function realView(model: string): Promise<GraphView> {
  const service = new GraphService(loadModelGraph);
  const { graphId, initialExpanded } = await service.open(path.resolve(__dirname, '../../fixtures/models', model));
  return service.view(graphId, initialExpanded);
}

describe('graph keyboard navigation', () => {
  it('starts at the top row, leftmost, when nothing (or a vanished node) is selected', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'] as const) {
      assert.equal(go(undefined, key), 'a');
      assert.equal(go('gone', key), 'a');
    }
    assert.equal(firstNode([box('r', 200, 10), box('l', 50, 12), box('low', 0, 90)])?.id, 'l');
    assert.equal(firstNode([]), undefined);
    assert.equal(nextNode([], [], undefined, 'ArrowDown'), undefined);
  });

  it('Down and Up follow edges: the nearest row first, then the nearest column', () => {
    assert.equal(go('a', 'ArrowDown'), 'c', 'b and c are one row down; c is 50 px off, b 60; the long edge to d loses');
    assert.equal(go('d', 'ArrowUp'), 'c', 'of the predecessors b and c, c is nearer horizontally');
    assert.equal(go('b', 'ArrowDown'), 'd');
    assert.equal(go('d', 'ArrowDown'), 'f');
    assert.equal(go('c', 'ArrowUp'), 'a');
  });

  it('without an edge that way, Down and Up take the nearest node below or above', () => {
    // e has no edges: the row at y=200 is nearer than h, even though h is right under it.
    assert.equal(go('e', 'ArrowDown'), 'd');
    assert.equal(go('e', 'ArrowUp'), 'a');
    assert.equal(go('h', 'ArrowUp'), 'd');
    assert.equal(go('h', 'ArrowDown'), undefined, 'nothing below the last row');
  });

  it('a back edge drawn upwards is not followed down, nor its source followed up', () => {
    // f -> a points up the layout: Down from f has nowhere to go, Up from a nothing above it.
    assert.equal(go('f', 'ArrowDown'), undefined);
    assert.equal(go('a', 'ArrowUp'), undefined);
    assert.equal(go('f', 'ArrowUp'), 'd', 'd is f’s predecessor above');
  });

  it('Left and Right stay on the row and take the nearest neighbour', () => {
    assert.equal(go('c', 'ArrowLeft'), 'b');
    assert.equal(go('c', 'ArrowRight'), 'e');
    assert.equal(go('b', 'ArrowRight'), 'c');
    assert.equal(go('b', 'ArrowLeft'), undefined);
    assert.equal(go('e', 'ArrowRight'), undefined);
    assert.equal(go('a', 'ArrowLeft'), undefined, 'a is alone on its row');
    assert.equal(go('f', 'ArrowRight'), 'h');
  });

  it('a row is a shared centre line, with slack of half the shorter node', () => {
    assert.ok(sameRow(box('p', 0, 100, 80, 44), box('q', 0, 110, 80, 30)), '10 px off, under 15');
    assert.ok(!sameRow(box('p', 0, 100, 80, 44), box('q', 0, 116, 80, 30)), '16 px off, over 15');
    const row = [box('p', 0, 100), box('q', 100, 110), box('r', 200, 140)];
    assert.equal(nextNode(row, [], 'p', 'ArrowRight'), 'q');
    assert.equal(nextNode(row, [], 'q', 'ArrowRight'), undefined, 'r is on another row');
    assert.equal(nextNode(row, [], 'q', 'ArrowDown'), 'r');
  });

  it('Down walks a real chain model from its input to its output and Up walks back', async () => {
    const view = await realView('cnn_digits28.onnx');
    const byY = [...view.nodes].sort((p, q) => p.y - q.y).map((n) => n.id);
    const walk = (key: ArrowKey, start: string | undefined) => {
      const seen: string[] = [];
      for (let id = nextNode(view.nodes, view.edges, start, key); id; id = nextNode(view.nodes, view.edges, id, key)) {
        seen.push(id);
        if (seen.length > view.nodes.length) break;
      }
      return seen;
    };
    assert.equal(view.nodes.length, 12);
    assert.deepEqual(walk('ArrowDown', undefined), byY);
    assert.deepEqual(walk('ArrowUp', byY[byY.length - 1]), byY.slice(0, -1).reverse());
  });

  it('on a real branching layout (ZipMap beside the label output) every key lands where it is drawn', async () => {
    const view = await realView('rf_iris_zipmap.onnx');
    const id = (label: string) => view.nodes.find((n) => n.label === label)?.id as string;
    const [tree, zipMap, label, probabilities] = ['TreeEnsembleClassifier', 'ZipMap', 'label', 'probabilities'].map(id);
    const step = (from: string, key: ArrowKey) => nextNode(view.nodes, view.edges, from, key);
    assert.equal(step(tree, 'ArrowDown'), zipMap, 'of the two successors ZipMap sits right under the tree');
    assert.equal(step(zipMap, 'ArrowRight'), label);
    assert.equal(step(label, 'ArrowLeft'), zipMap);
    assert.equal(step(label, 'ArrowDown'), probabilities, 'an output has no successor: the nearest node below');
    assert.equal(step(probabilities, 'ArrowUp'), zipMap, 'its producer');
    assert.equal(step(label, 'ArrowUp'), tree);
  });
});

describe('panning the selection into view', () => {
  const t = { k: 2, x: -100, y: 50 };
  const screen = (n: NodeBox, u: { k: number; x: number; y: number }) => ({
    left: (n.x - n.width / 2) * u.k + u.x,
    right: (n.x + n.width / 2) * u.k + u.x,
    top: (n.y - n.height / 2) * u.k + u.y,
    bottom: (n.y + n.height / 2) * u.k + u.y,
  });

  it('leaves a node already in sight alone', () => {
    const n = box('n', 200, 100); // x 160..240 -> 220..380 px, y 85..115 -> 220..280 px
    assert.equal(panIntoView(t, n, 800, 600, 24), t);
  });

  it('pans the least amount: the node ends at the margin, the scale unchanged', () => {
    const right = panIntoView(t, box('n', 500, 100), 800, 600, 24); // right edge at 980 px
    assert.equal(right.k, 2);
    assert.equal(right.y, t.y, 'no vertical move needed');
    assert.equal(screen(box('n', 500, 100), right).right, 800 - 24);
    const upLeft = panIntoView(t, box('n', 30, -40), 800, 600, 24);
    const s = screen(box('n', 30, -40), upLeft);
    assert.deepEqual([s.left, s.top], [24, 24]);
  });

  it('centres a node too big for the viewport on that axis', () => {
    const wide = box('w', 1000, 100, 600, 30); // 1200 px wide at k = 2
    const u = panIntoView(t, wide, 800, 600, 24);
    const s = screen(wide, u);
    assert.equal((s.left + s.right) / 2, 400);
  });

  it('every node of a grid ends fully inside the margins', () => {
    for (let gx = -2000; gx <= 2000; gx += 370) {
      for (let gy = -1500; gy <= 1500; gy += 290) {
        const n = box('g', gx, gy);
        const s = screen(n, panIntoView(t, n, 800, 600, 24));
        assert.ok(s.left >= 24 - 1e-9 && s.right <= 776 + 1e-9, `x in view for ${gx},${gy}`);
        assert.ok(s.top >= 24 - 1e-9 && s.bottom <= 576 + 1e-9, `y in view for ${gx},${gy}`);
      }
    }
  });
});
