/** The webview side of the shared RPC endpoint: requests go to the host, notifications come back. */
import { RpcEndpoint, type Transport } from '../../src/protocol/endpoint';
import { vscodeApi } from './vscodeApi';

export function hostTransport(): Transport {
  return {
    post(message) {
      vscodeApi().postMessage(message);
    },
    onMessage(listener) {
      const l = (e: MessageEvent) => listener(e.data);
      window.addEventListener('message', l);
      return { dispose: () => window.removeEventListener('message', l) };
    },
  };
}

export function connectToHost<Out extends object, NIn extends object>(): RpcEndpoint<
  Record<string, never>,
  Out,
  NIn,
  Record<string, never>
> {
  return new RpcEndpoint(hostTransport());
}
