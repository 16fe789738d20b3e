/** Adapts a worker_threads port (parentPort or a Worker) to the RPC Transport. */
import type { Transport, WireMessage } from '../../protocol/endpoint';

interface PortLike {
  postMessage(value: unknown, transferList?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off(event: 'message', listener: (value: unknown) => void): unknown;
}

export function portTransport(port: PortLike): Transport {
  return {
    post(message: WireMessage, transfer?: ArrayBuffer[]) {
      port.postMessage(message, transfer && transfer.length ? transfer : undefined);
    },
    onMessage(listener) {
      port.on('message', listener);
      return { dispose: () => void port.off('message', listener) };
    },
  };
}
