import assert from 'node:assert/strict';
import { CancelledError, RpcEndpoint, type Transport, type WireMessage } from '../../../src/protocol/endpoint';

/** Two endpoints joined by an in-memory channel that delivers asynchronously, like a real port. */
function pair(validate?: (m: string, p: unknown) => string | undefined) {
  const listeners: [((m: unknown) => void)[], ((m: unknown) => void)[]] = [[], []];
  const sent: WireMessage[] = [];
  const transport = (side: 0 | 1): Transport => ({
    post(message) {
      sent.push(message);
      setImmediate(() => listeners[1 - side].forEach((l) => l(structuredClone(message))));
    },
    onMessage(l) {
      listeners[side].push(l);
      return { dispose: () => listeners[side].splice(listeners[side].indexOf(l), 1) };
    },
  });
  type Req = {
    add: { params: { a: number; b: number }; result: number };
    slow: { params: { steps: number }; result: number };
  };
  type Note = { tick: { n: number } };
  const server = new RpcEndpoint<Req, Record<string, never>, Record<string, never>, Note>(transport(0), validate);
  const client = new RpcEndpoint<Record<string, never>, Req, Note>(transport(1));
  return { server, client, sent };
}

describe('RpcEndpoint', () => {
  it('answers each request exactly once, matched by id', async () => {
    const { server, client, sent } = pair();
    server.handle('add', ({ a, b }) => a + b);
    const results = await Promise.all([1, 2, 3].map((i) => client.request('add', { a: i, b: 10 })));
    assert.deepEqual(results, [11, 12, 13]);
    const responses = sent.filter((m) => m.kind === 'response');
    assert.equal(responses.length, 3);
    assert.equal(new Set(responses.map((r) => (r as { id: number }).id)).size, 3);
  });

  it('turns a thrown error into ok:false with its message', async () => {
    const { server, client } = pair();
    server.handle('add', () => {
      throw new Error('model.onnx: row 3 is bad');
    });
    await assert.rejects(client.request('add', { a: 1, b: 2 }), { message: 'model.onnx: row 3 is bad' });
  });

  it('rejects an unknown method and invalid params before any handler runs', async () => {
    let ran = false;
    const { server, client } = pair((m, p) =>
      m === 'add' && typeof (p as { a: unknown }).a !== 'number' ? 'a must be a number' : undefined,
    );
    server.handle('add', () => {
      ran = true;
      return 0;
    });
    await assert.rejects(client.request('add', { a: 'x' as unknown as number, b: 1 }), /a must be a number/);
    await assert.rejects(client.request('slow', { steps: 1 }), /Unknown request 'slow'/);
    assert.equal(ran, false);
  });

  it('cancels: the caller rejects at once and the handler sees the token', async () => {
    const { server, client } = pair();
    let seenCancelled = false;
    server.handle('slow', async (_p, { token }) => {
      for (let i = 0; i < 200; i++) {
        if (token.isCancellationRequested) {
          seenCancelled = true;
          throw new Error('stopped');
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      return 1;
    });
    const listeners: (() => void)[] = [];
    const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => listeners.push(l) };
    const p = client.request('slow', { steps: 1 }, { token });
    setTimeout(() => {
      token.isCancellationRequested = true;
      listeners.forEach((l) => l());
    }, 10);
    await assert.rejects(p, (e: unknown) => e instanceof CancelledError && e.message === 'Cancelled');
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(seenCancelled, true);
  });

  it('rejects every waiting request when disposed', async () => {
    const { server, client } = pair();
    server.handle('slow', () => new Promise<number>(() => undefined));
    const waiting = [client.request('slow', { steps: 1 }), client.request('slow', { steps: 2 })];
    client.dispose('engine gone');
    for (const w of waiting) await assert.rejects(w, /engine gone/);
    await assert.rejects(client.request('add', { a: 1, b: 1 }), /closed/);
  });

  it('delivers notifications without ids to listeners', async () => {
    const { server, client } = pair();
    const got: number[] = [];
    client.on('tick', ({ n }) => got.push(n));
    server.notify('tick', { n: 1 });
    server.notify('tick', { n: 2 });
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(got, [1, 2]);
  });

  it('ignores malformed messages', async () => {
    const { server, client } = pair();
    server.handle('add', ({ a, b }) => a + b);
    (client as unknown as { receive(m: unknown): void }).receive({ kind: 'response', id: 'x' });
    (client as unknown as { receive(m: unknown): void }).receive(null);
    assert.equal(await client.request('add', { a: 2, b: 2 }), 4);
  });
});
