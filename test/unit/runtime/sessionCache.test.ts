// The one session cache: a file opens once, reopens when it changes, the least recently used closes first.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InferenceBackend } from '../../../src/engine/runtime/backend';
import { SessionCache } from '../../../src/engine/runtime/sessionCache';

describe('session cache', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lens-sessions-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes = 'x') => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  /** A stand-in opener that counts opens and disposals per file (the cache's own logic is what is tested). */
  function counting() {
    const opened: string[] = [];
    const disposed: string[] = [];
    const open = async (p: string) => {
      opened.push(path.basename(p));
      return { dispose: async () => void disposed.push(path.basename(p)) } as unknown as InferenceBackend;
    };
    return { opened, disposed, open };
  }

  it('opens a file once however often it is asked for', async () => {
    const c = counting();
    const cache = new SessionCache(c.open);
    const a = file('a.onnx');
    const [x, y] = await Promise.all([cache.backend(a), cache.backend(a)]);
    assert.equal(x, y);
    assert.equal(await cache.backend(a), x);
    assert.deepEqual(c.opened, ['a.onnx']);
  });

  it('reopens a file whose contents changed, closing the old session', async () => {
    const c = counting();
    const cache = new SessionCache(c.open);
    const a = file('b.onnx');
    const first = await cache.backend(a);
    writeFileSync(a, 'longer contents');
    utimesSync(a, new Date(), new Date(Date.now() + 5000));
    const second = await cache.backend(a);
    assert.notEqual(second, first);
    assert.deepEqual(c.opened, ['b.onnx', 'b.onnx']);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(c.disposed, ['b.onnx']);
  });

  it('keeps the most recently used sessions and closes the oldest beyond its size', async () => {
    const c = counting();
    const cache = new SessionCache(c.open, 2);
    const [p, q, r] = [file('p.onnx'), file('q.onnx'), file('r.onnx')];
    await cache.backend(p);
    await cache.backend(q);
    await cache.backend(p); // p is now the most recent
    await cache.backend(r);
    await new Promise((res) => setImmediate(res));
    assert.deepEqual(c.disposed, ['q.onnx']);
    await cache.backend(p);
    assert.deepEqual(c.opened, ['p.onnx', 'q.onnx', 'r.onnx']);
    await cache.disposeAll();
    assert.deepEqual(c.disposed.sort(), ['p.onnx', 'q.onnx', 'r.onnx']);
  });

  it('names a missing or empty file, and a file that does not open, and retries it next time', async () => {
    const c = counting();
    let fail = true;
    const cache = new SessionCache(async (p) => {
      if (fail) throw new Error('protobuf parsing failed');
      return c.open(p);
    });
    await assert.rejects(cache.backend(path.join(dir, 'gone.onnx')), /gone\.onnx: the model file cannot be read/);
    await assert.rejects(cache.backend(file('empty.onnx', '')), /empty\.onnx/);
    const bad = file('bad.onnx');
    await assert.rejects(cache.backend(bad), /bad\.onnx/);
    fail = false;
    await cache.backend(bad);
    assert.deepEqual(c.opened, ['bad.onnx']);
  });
});
