import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResilientSocket } from '../../src/client/resilient-socket.js';
import { en } from '../../src/registry/advice/en.js';
import { enPolicy } from '../../src/registry/advice/en-policy.js';
import { tr } from '../../src/registry/advice/tr.js';
import { bannerView, createStatusBanner, defineStatusElement } from '../../src/ui/index.js';
import { FakeClock, FakeWebSocket, seededRandom } from '../support/fakes.js';

let clock: FakeClock;
let socket: ResilientSocket;

beforeEach(() => {
  FakeWebSocket.reset();
  clock = new FakeClock();
  document.body.replaceChildren();
  socket = new ResilientSocket('ws://test/live', {
    WebSocket: FakeWebSocket,
    clock,
    random: seededRandom(7),
    lifecycle: false,
  });
});

afterEach(() => {
  socket.close();
});

function banner(host: Element) {
  const root = host.shadowRoot as ShadowRoot;
  const region = root.querySelector('[role="status"], [role="alert"]') as HTMLElement;
  const visible = (sel: string) => {
    const el = root.querySelector(sel) as HTMLElement;
    return el.hidden ? '' : (el.textContent ?? '');
  };
  return {
    region,
    hidden: region.hidden,
    role: region.getAttribute('role'),
    title: visible('.title'),
    description: visible('.description'),
    fix: visible('.fix'),
    code: visible('.code'),
    retry: root.querySelector('.retry') as HTMLButtonElement,
    dismiss: root.querySelector('.dismiss') as HTMLButtonElement,
    text: root.textContent ?? '',
    html: (root as unknown as { innerHTML: string }).innerHTML,
  };
}

describe('createStatusBanner', () => {
  it('is hidden while first connecting and when open', () => {
    const b = createStatusBanner(socket, { container: document.body, clock });
    expect(banner(b.element).hidden).toBe(true);
    FakeWebSocket.last.serverOpen();
    expect(banner(b.element).hidden).toBe(true);
    b.destroy();
  });

  it('shows a 1014 outage: title with countdown, registry advice, retry-now', () => {
    const b = createStatusBanner(socket, { container: document.body, clock });
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1014, 'upstream down');
    const view = banner(b.element);
    expect(view.hidden).toBe(false);
    expect(view.role).toBe('status');
    const seconds = Math.ceil(((socket.status.nextRetryAt as number) - clock.time) / 1000);
    expect(view.title).toBe(`Connection lost. Retrying in ${seconds} s.`);
    expect(view.description).toContain('gateway or proxy');
    expect(view.fix).toContain("upstream service's health");
    expect(view.code).toBe('Last close: 1014 Bad Gateway');
    expect(view.text).not.toContain('upstream down');
    expect(view.retry.hidden).toBe(false);
    view.retry.click();
    expect(socket.status.state).toBe('connecting');
    expect(FakeWebSocket.instances).toHaveLength(2);
    b.destroy();
  });

  it('counts down as time passes', () => {
    const b = createStatusBanner(socket, { container: document.body, clock });
    FakeWebSocket.last.serverOpen();
    clock.advance(10_000);
    for (let i = 0; i < 4; i++) {
      FakeWebSocket.last.serverClose(1006, '', false);
      if (socket.status.state === 'backoff' && (socket.status.nextRetryAt as number) - clock.time > 2500) break;
      clock.runNext();
    }
    const countdown = () => b.element.shadowRoot?.querySelector('[role="timer"]')?.textContent;
    const start = Number(countdown());
    expect(start).toBeGreaterThanOrEqual(3);
    clock.advance(1000);
    expect(Number(countdown())).toBe(start - 1);
    b.destroy();
  });

  it('a policy pause is an alert with 1008 advice in Turkish', () => {
    const b = createStatusBanner(socket, { container: document.body, clock, locale: tr });
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'forbidden content');
    const view = banner(b.element);
    expect(view.role).toBe('alert');
    expect(view.title).toBe('Bağlantı duraklatıldı: işlem gerekiyor.');
    expect(view.fix).toBe(tr.codes[1008]?.howToFix);
    expect(view.retry.textContent).toBe('Şimdi yeniden dene');
    b.setLocale(en);
    expect(banner(b.element).title).toBe('Connection paused: action needed.');
    b.destroy();
  });

  it('never inserts the close reason, let alone as HTML', () => {
    const b = createStatusBanner(socket, { container: document.body, clock });
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(4000, '<img src=x onerror=alert(1)>');
    const view = banner(b.element);
    expect(view.hidden).toBe(false);
    expect(b.element.shadowRoot?.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(view.html).not.toContain('onerror');
    b.destroy();
  });

  it('dismiss hides it until the next change', () => {
    const b = createStatusBanner(socket, { container: document.body, clock });
    FakeWebSocket.last.serverClose(1011);
    banner(b.element).dismiss.click();
    expect(banner(b.element).hidden).toBe(true);
    clock.runNext();
    FakeWebSocket.last.serverClose(1011);
    expect(banner(b.element).hidden).toBe(false);
    b.destroy();
  });

  it('destroy removes the element, its listener and its timer', () => {
    const before = socket.listenerCount('state');
    const b = createStatusBanner(socket, { container: document.body, clock });
    FakeWebSocket.last.serverClose(1011);
    expect(socket.listenerCount('state')).toBe(before + 1);
    const timersWithBanner = clock.pending;
    b.destroy();
    expect(socket.listenerCount('state')).toBe(before);
    expect(clock.pending).toBe(timersWithBanner - 1);
    expect(document.querySelector('[data-closewise-status]')).toBeNull();
  });
});

describe('bad input', () => {
  it.each([
    ['a selector string', { container: '#status' }, 'container must be an Element', '"#status"'],
    ['no container', { container: null }, 'container must be an Element', 'null'],
    ['a locale name', { container: document.body, locale: 'tr' }, 'locale must be a locale object', '"tr"'],
    // The socket's policy-only advice has no banner labels.
    ['enPolicy', { container: document.body, locale: enPolicy }, 'locale must be a locale object', 'object'],
    ['Date as clock', { container: document.body, clock: Date }, 'clock must be an object with now()', 'function'],
  ])(
    'createStatusBanner given %s throws a TypeError naming %s and %s, and renders nothing',
    (_, options, what, value) => {
      const make = () => createStatusBanner(socket, options as never);
      expect(make).toThrow(TypeError);
      expect(make).toThrow(`createStatusBanner: option ${what}`);
      expect(make).toThrow(value);
      expect(document.body.children).toHaveLength(0);
      expect(socket.listenerCount('state')).toBe(0);
    },
  );

  it('bannerView, for apps that render it themselves, names a bad status, locale or time', () => {
    expect(bannerView(socket.status, tr, 0).visible).toBe(false);
    expect(() => bannerView(socket.status, 'tr' as never, 0)).toThrow('bannerView: locale must be a locale object');
    expect(() => bannerView(null as never, tr, 0)).toThrow('bannerView: status must be a socket status');
    expect(() => bannerView(socket.status, tr, Number.NaN)).toThrow('bannerView: now must be a finite number');
  });

  it('a socket that is not one throws a TypeError naming it', () => {
    expect(() => createStatusBanner({} as never, { container: document.body })).toThrow(
      'createStatusBanner: socket must be a ResilientSocket or a withClosePolicy guard, got object',
    );
    expect(() => createStatusBanner(undefined as never, { container: document.body })).toThrow('got undefined');
  });

  it('setLocale and the element refuse a bad locale, and the banner keeps its language', () => {
    const b = createStatusBanner(socket, { container: document.body, clock, locale: tr });
    FakeWebSocket.last.serverClose(1003);
    const host = b.element;
    expect(() => b.setLocale('en' as never)).toThrow('setLocale: locale must be a locale object');
    expect(banner(host).title).toBe('Bağlantı durduruldu.');
    b.destroy();
    defineStatusElement();
    const el = document.createElement('closewise-status');
    el.socket = socket;
    document.body.append(el);
    expect(() => {
      el.locale = 'tr' as never;
    }).toThrow('locale must be a locale object');
    el.remove();
  });
});

describe('<closewise-status>', () => {
  it('renders when given a socket and cleans up when removed', () => {
    defineStatusElement();
    defineStatusElement(); // idempotent
    const el = document.createElement('closewise-status');
    el.clock = clock;
    el.socket = socket;
    el.locale = tr;
    const before = socket.listenerCount('state');
    document.body.append(el);
    expect(socket.listenerCount('state')).toBe(before + 1);
    FakeWebSocket.last.serverClose(1003);
    expect(banner(el).role).toBe('alert');
    expect(banner(el).title).toBe('Bağlantı durduruldu.');
    el.remove();
    expect(socket.listenerCount('state')).toBe(before);
    document.body.append(el);
    expect(socket.listenerCount('state')).toBe(before + 1);
    el.remove();
  });
});
