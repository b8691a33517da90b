import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import ReconnectingWebSocket from 'reconnecting-websocket';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withClosePolicy } from '../../src/adapters/reconnecting-websocket.js';
import type { ResilientSocketOptions } from '../../src/client/options.js';
import { ResilientSocket } from '../../src/client/resilient-socket.js';
import { ResilientWebSocket } from '../../src/client/resilient-websocket.js';
import {
  SERVER_STATUS,
  StatusBanner,
  useResilientSocket,
  useSocketEvent,
  useSocketStatus,
} from '../../src/react/index.js';
import { BANNER_CSS } from '../../src/react/style.js';
import { tr } from '../../src/registry/advice/tr.js';
import { createStatusBanner } from '../../src/ui/index.js';
import { EventFakeWebSocket, FakeClock, FakeWebSocket, flushPromises } from '../support/fakes.js';

let clock: FakeClock;
const base = (): ResilientSocketOptions => ({ WebSocket: FakeWebSocket, clock, random: () => 0.5, lifecycle: false });

beforeEach(() => {
  FakeWebSocket.reset();
  clock = new FakeClock();
});

afterEach(async () => {
  cleanup();
  await flushPromises();
});

/** What the hook returned on the last render. */
const seen: { socket: ResilientSocket | null } = { socket: null };

function Client({ url, options }: { url: string | (() => string) | null; options?: ResilientSocketOptions }) {
  const socket = useResilientSocket(url, options ?? base());
  seen.socket = socket;
  const status = useSocketStatus(socket);
  return (
    <>
      <output data-testid="state">{status.state}</output>
      <StatusBanner socket={socket} clock={clock} />
    </>
  );
}

/** Sockets neither closed nor closing. */
const live = () => FakeWebSocket.live().filter((ws) => ws.closedWith === undefined);

describe('useResilientSocket', () => {
  it('under StrictMode makes exactly one connection, and keeps it', async () => {
    render(
      <StrictMode>
        <Client url="ws://test/live" />
      </StrictMode>,
    );
    await flushPromises();
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(FakeWebSocket.last.closedWith).toBeUndefined();
    act(() => FakeWebSocket.last.serverOpen());
    expect(screen.getByTestId('state').textContent).toBe('open');
    await flushPromises();
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(live()).toHaveLength(1);
  });

  it('closes the socket on unmount and leaves no timer', async () => {
    const { unmount } = render(
      <StrictMode>
        <Client url="ws://test/live" />
      </StrictMode>,
    );
    act(() => FakeWebSocket.last.serverOpen());
    const socket = seen.socket as ResilientSocket;
    // A 1014 schedules a retry (and the banner's countdown): both must go with the unmount.
    act(() => FakeWebSocket.last.serverClose(1014));
    expect(clock.pending).toBeGreaterThan(0);
    unmount();
    await flushPromises();
    expect(socket.status.state).toBe('closed');
    expect(clock.pending).toBe(0);
    expect(live()).toHaveLength(0);
    clock.advance(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('unmounting while open sends the close to the server', async () => {
    const { unmount } = render(<Client url="ws://test/live" />);
    act(() => FakeWebSocket.last.serverOpen());
    unmount();
    await flushPromises();
    expect(FakeWebSocket.last.closedWith).toEqual({ code: 1000, reason: '' });
    expect(clock.pending).toBe(0);
  });

  it('does not reconnect when re-rendered with a new options object', async () => {
    const { rerender } = render(
      <StrictMode>
        <Client url="ws://test/live" options={base()} />
      </StrictMode>,
    );
    const first = seen.socket;
    for (let i = 0; i < 5; i++) {
      rerender(
        <StrictMode>
          <Client url="ws://test/live" options={{ ...base(), backoff: { maxAttempts: i + 1 } }} />
        </StrictMode>,
      );
    }
    await flushPromises();
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(seen.socket).toBe(first);
  });

  it('reconnects when the URL string changes, closing the old socket', async () => {
    const { rerender } = render(
      <StrictMode>
        <Client url="ws://test/a" />
      </StrictMode>,
    );
    const first = seen.socket as ResilientSocket;
    rerender(
      <StrictMode>
        <Client url="ws://test/b" />
      </StrictMode>,
    );
    await flushPromises();
    expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['ws://test/a', 'ws://test/b']);
    expect(live().map((ws) => ws.url)).toEqual(['ws://test/b']);
    expect(first.status.state).toBe('closed');
    expect(seen.socket).not.toBe(first);
  });

  it('a null URL has no socket; giving one connects', async () => {
    const { rerender } = render(<Client url={null} />);
    expect(seen.socket).toBeNull();
    expect(FakeWebSocket.instances).toHaveLength(0);
    rerender(<Client url="ws://test/live" />);
    expect(FakeWebSocket.instances).toHaveLength(1);
    rerender(<Client url={null} />);
    await flushPromises();
    expect(seen.socket).toBeNull();
    expect(live()).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });

  it('reads a function URL through a ref: a new closure does not reconnect, the latest is used', async () => {
    const { rerender } = render(
      <StrictMode>
        <Client url={() => 'ws://test/live?token=1'} />
      </StrictMode>,
    );
    await flushPromises();
    expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['ws://test/live?token=1']);
    rerender(
      <StrictMode>
        <Client url={() => 'ws://test/live?token=2'} />
      </StrictMode>,
    );
    await flushPromises();
    expect(FakeWebSocket.instances).toHaveLength(1);
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1014));
    // The next attempt (after the banner's countdown ticks) calls the provider of the last render.
    while (FakeWebSocket.instances.length < 2 && clock.pending > 0) {
      await act(async () => {
        clock.runNext();
        await flushPromises();
      });
    }
    expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['ws://test/live?token=1', 'ws://test/live?token=2']);
  });

  it('calls the onOpen hook of the last render', async () => {
    const calls: string[] = [];
    const { rerender } = render(
      <Client url="ws://test/live" options={{ ...base(), onOpen: () => void calls.push('a') }} />,
    );
    rerender(<Client url="ws://test/live" options={{ ...base(), onOpen: () => void calls.push('b') }} />);
    await act(async () => {
      FakeWebSocket.last.serverOpen();
      await flushPromises();
    });
    expect(calls).toEqual(['b']);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe('useSocketStatus and useSocketEvent', () => {
  it('the status follows state events; a null socket reads SERVER_STATUS', () => {
    const socket = new ResilientSocket('ws://test/live', base());
    function Show({ s }: { s: ResilientSocket | null }) {
      const status = useSocketStatus(s);
      return <output data-testid="state">{`${status.state} ${status.attempt}`}</output>;
    }
    const { rerender } = render(<Show s={null} />);
    expect(screen.getByTestId('state').textContent).toBe(`${SERVER_STATUS.state} 0`);
    rerender(<Show s={socket} />);
    expect(screen.getByTestId('state').textContent).toBe('connecting 0');
    act(() => FakeWebSocket.last.serverOpen());
    expect(screen.getByTestId('state').textContent).toBe('open 0');
    act(() => FakeWebSocket.last.serverClose(1014));
    expect(screen.getByTestId('state').textContent).toBe('backoff 1');
    cleanup();
    expect(socket.listenerCount('state')).toBe(0);
    socket.close();
  });

  it('calls the latest handler without resubscribing on every render', () => {
    const socket = new ResilientSocket('ws://test/live', base());
    const got: string[] = [];
    function Listen({ tag }: { tag: string }) {
      useSocketEvent(socket, 'message', (data) => got.push(`${tag}:${String(data)}`));
      return null;
    }
    const { rerender } = render(<Listen tag="a" />);
    act(() => FakeWebSocket.last.serverOpen());
    FakeWebSocket.last.serverMessage('1');
    const on = socket.on.bind(socket);
    let subscriptions = 0;
    socket.on = ((...args: Parameters<typeof on>) => {
      subscriptions++;
      return on(...args);
    }) as typeof socket.on;
    rerender(<Listen tag="b" />);
    rerender(<Listen tag="c" />);
    FakeWebSocket.last.serverMessage('2');
    expect(got).toEqual(['a:1', 'c:2']);
    expect(subscriptions).toBe(0);
    expect(socket.listenerCount('message')).toBe(1);
    cleanup();
    expect(socket.listenerCount('message')).toBe(0);
    socket.close();
  });
});

describe('<StatusBanner>', () => {
  const socket = () => new ResilientSocket('ws://test/live', base());

  it('renders nothing for a null socket, and is a hidden region while first connecting', () => {
    const { container, rerender } = render(<StatusBanner socket={null} />);
    expect(container.innerHTML).toBe('');
    const s = socket();
    rerender(<StatusBanner socket={s} clock={clock} />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(container.querySelector('[data-closewise-status] .banner')?.hasAttribute('hidden')).toBe(true);
    s.close();
  });

  it('after a 1014: role status, named by its title, advice, and a countdown in a timer', () => {
    const s = socket();
    render(<StatusBanner socket={s} clock={clock} />);
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1014, 'upstream down'));
    const seconds = Math.ceil(((s.status.nextRetryAt as number) - clock.now()) / 1000);
    expect(seconds).toBeGreaterThan(1);
    const region = screen.getByRole('status', { name: `Connection lost. Retrying in ${seconds} s.` });
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.dataset.state).toBe('backoff');
    expect(screen.getByRole('timer').textContent).toBe(String(seconds));
    expect(region.querySelector('.description')?.textContent).toContain('gateway or proxy');
    expect(region.querySelector('.fix')?.textContent).toContain("upstream service's health");
    expect(region.querySelector('.code')?.textContent).toBe('Last close: 1014 Bad Gateway');
    expect(region.textContent).not.toContain('upstream down');
    act(() => clock.advance(1000));
    expect(screen.getByRole('timer').textContent).toBe(String(seconds - 1));
    // Retry now reconnects at once.
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(s.status.state).toBe('connecting');
    expect(FakeWebSocket.instances).toHaveLength(2);
    cleanup();
    s.close();
    expect(clock.pending).toBe(0);
  });

  it('is an alert when paused, and onRetry replaces reconnect()', () => {
    const s = socket();
    const retried: unknown[] = [];
    render(<StatusBanner socket={s} clock={clock} onRetry={(x) => retried.push(x)} />);
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1008, 'go away'));
    const region = screen.getByRole('alert', { name: 'Connection paused: action needed.' });
    expect(region.getAttribute('aria-live')).toBe('assertive');
    expect(region.textContent).not.toContain('go away');
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(retried).toEqual([s]);
    expect(s.status.state).toBe('paused');
    s.close();
  });

  it('never shows a hostile close reason, and inserts nothing as HTML', () => {
    const s = socket();
    const { container } = render(<StatusBanner socket={s} clock={clock} />);
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(4000, hostile));
    expect(container.textContent).not.toContain('onerror');
    expect(container.innerHTML).not.toContain('<img');
    expect(container.querySelectorAll('img, script')).toHaveLength(0);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    s.close();
  });

  it('Dismiss hides it until the status changes; the locale may change live', () => {
    const s = socket();
    const { rerender } = render(<StatusBanner socket={s} clock={clock} />);
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1014));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => clock.runNext()); // the retry: a new status
    act(() => FakeWebSocket.last.drop());
    expect(screen.getByRole('status')).toBeTruthy();
    rerender(<StatusBanner socket={s} clock={clock} locale={tr} />);
    expect(screen.getByRole('button', { name: tr.labels.ui.retryNow })).toBeTruthy();
    s.close();
  });

  it('has the parts, classes and stylesheet of the closewise/ui banner', () => {
    const s = socket();
    const { container } = render(<StatusBanner socket={s} clock={clock} />);
    const parts = [...container.querySelectorAll('[part]')].map((el) => `${el.getAttribute('part')}.${el.className}`);
    expect(parts).toEqual([
      'banner.banner',
      'title.title',
      'description.description',
      'fix.fix',
      'code.code',
      'actions.actions',
      'retry.retry',
      'dismiss.dismiss',
    ]);
    // The ui banner's own stylesheet (one source, src/ui/style.ts), scoped under the light-DOM host.
    const ui = createStatusBanner(s, { container: document.body, clock });
    const shadow = ui.element.shadowRoot?.querySelector('style')?.textContent ?? '';
    ui.destroy();
    expect(shadow.replaceAll(':host', '[data-closewise-status]')).toBe(BANNER_CSS);
    expect(container.querySelector('style')?.textContent).toBe(BANNER_CSS);
    s.close();
  });

  it('works with a ResilientWebSocket', () => {
    const s = new ResilientWebSocket('ws://test/live', base());
    render(<StatusBanner socket={s} clock={clock} />);
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1014));
    expect(screen.getByRole('status').dataset.state).toBe('backoff');
    s.close();
  });

  it('works with the reconnecting-websocket guard (withClosePolicy)', async () => {
    const guard = withClosePolicy(
      (WebSocket) => new ReconnectingWebSocket('ws://test/live', [], { WebSocket, minReconnectionDelay: 10 }),
      { WebSocket: EventFakeWebSocket, clock, random: () => 0.5 },
    );
    function App() {
      useSocketEvent(guard, 'close', (c) => closes.push(c.code));
      return <StatusBanner socket={guard} clock={clock} />;
    }
    const closes: number[] = [];
    render(<App />);
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1));
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1014));
    expect(closes).toEqual([1014]);
    expect(screen.getByRole('status').querySelector('.code')?.textContent).toBe('Last close: 1014 Bad Gateway');
    guard.rws.close();
  });

  it('a StrictMode app: one socket, the banner, and nothing left after unmount', async () => {
    function App() {
      const [url] = useState('ws://test/app');
      const socket = useResilientSocket(url, base());
      return <StatusBanner socket={socket} clock={clock} />;
    }
    const { unmount } = render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await flushPromises();
    act(() => FakeWebSocket.last.serverOpen());
    act(() => FakeWebSocket.last.serverClose(1014));
    expect(screen.getByRole('status')).toBeTruthy();
    expect(FakeWebSocket.instances).toHaveLength(1);
    unmount();
    await flushPromises();
    expect(clock.pending).toBe(0);
    expect(live()).toHaveLength(0);
  });
});
