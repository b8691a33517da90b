// @vitest-environment node
// Server rendering: no window, no document, and a WebSocket that must never be touched.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocketStatus } from '../../src/client/events.js';
import {
  SERVER_STATUS,
  StatusBanner,
  useResilientSocket,
  useSocketEvent,
  useSocketStatus,
} from '../../src/react/index.js';
import type { StatusSource } from '../../src/ui/banner.js';

const had = 'WebSocket' in globalThis;
const original = (globalThis as { WebSocket?: unknown }).WebSocket;

beforeEach(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket = class {
    constructor() {
      throw new Error('server rendering touched WebSocket');
    }
  };
});

afterEach(() => {
  if (had) (globalThis as { WebSocket?: unknown }).WebSocket = original;
  else delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

function App({ url }: { url: string }) {
  const socket = useResilientSocket(url, { backoff: { maxAttempts: 3 } });
  const status = useSocketStatus(socket);
  useSocketEvent(socket, 'message', () => {});
  return (
    <main>
      <p data-state={status.state}>{socket ? 'socket' : 'no socket yet'}</p>
      <StatusBanner socket={socket} />
    </main>
  );
}

describe('server rendering (node environment)', () => {
  it('has no window or document here', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders a component with the hooks and the banner without touching WebSocket', () => {
    const html = renderToString(<App url="wss://example.test/live" />);
    expect(html).toBe('<main><p data-state="connecting">no socket yet</p></main>');
  });

  it('renders the banner of an existing socket from the server snapshot: a hidden region', () => {
    const backoff: SocketStatus = { state: 'backoff', attempt: 1, nextRetryAt: 5000 };
    const socket: StatusSource = { status: backoff, on: () => {}, off: () => {}, reconnect: () => {} };
    const html = renderToString(createElement(StatusBanner, { socket }));
    expect(SERVER_STATUS).toEqual({ state: 'connecting', attempt: 0 });
    expect(html).toContain('data-closewise-status=""');
    expect(html).toContain('role="status"');
    expect(html).toMatch(/class="banner" part="banner"[^>]*data-state="connecting"[^>]*hidden=""/);
    expect(html).toContain('<style>');
    expect(html).not.toContain('Retrying in');
  });
});
