// A discrete-event world for reconnect storms: simulated time, a simulated gateway and a
// WebSocket class that talks to it. Each library runs its own, real backoff code against it.

/** A min-heap scheduler; also installable as the global timers for libraries that use them. */
export class SimClock {
  now = 0;
  #seq = 0;
  #heap = [];
  #live = new Set();
  #saved;

  setTimeout = (fn, ms = 0) => {
    const id = ++this.#seq;
    this.#push({ at: this.now + Math.max(0, Number(ms) || 0), id, fn });
    this.#live.add(id);
    return id;
  };

  clearTimeout = (id) => {
    this.#live.delete(id);
  };

  /** Runs every timer due up to `until`, letting promise callbacks run after each instant. */
  async run(until, { flush = false } = {}) {
    while (this.#heap.length > 0 && this.#heap[0].at <= until) {
      const at = this.#heap[0].at;
      this.now = at;
      while (this.#heap.length > 0 && this.#heap[0].at === at) {
        const t = this.#pop();
        if (!this.#live.delete(t.id)) continue;
        t.fn();
      }
      if (flush) await new Promise((resolve) => setImmediate(resolve));
    }
    this.now = until;
  }

  /** Replaces the global timers, Date.now and Math.random (seeded) until `uninstall()`. */
  install(random) {
    this.#saved = {
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
      now: Date.now,
      random: Math.random,
    };
    globalThis.setTimeout = this.setTimeout;
    globalThis.clearTimeout = this.clearTimeout;
    Date.now = () => this.now;
    Math.random = random;
  }

  uninstall() {
    if (!this.#saved) return;
    globalThis.setTimeout = this.#saved.setTimeout;
    globalThis.clearTimeout = this.#saved.clearTimeout;
    Date.now = this.#saved.now;
    Math.random = this.#saved.random;
    this.#saved = undefined;
  }

  #push(item) {
    const h = this.#heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  #pop() {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

const before = (a, b) => a.at < b.at || (a.at === b.at && a.id < b.id);

export { seededRandom as seeded } from '../test/support/seeded-random.mjs';

const HANDSHAKE_MS = 5;

/**
 * The simulated gateway. `accept(now)` says what happens to a handshake at that time:
 * `'open'` (stays open), `'refuse'` (nothing listens: the handshake fails, as against a crashed
 * server), or a close code sent right after accepting (e.g. 1014).
 */
export class SimWorld {
  attempts = []; // times of every connection attempt
  opens = new Map(); // client id -> times it opened for good
  sockets = new Set();

  constructor(clock, accept) {
    this.clock = clock;
    this.accept = accept;
    const world = this;
    this.WebSocket = class SimWebSocket {
      static CONNECTING = 0;
      static OPEN = 1;
      static CLOSING = 2;
      static CLOSED = 3;
      CONNECTING = 0;
      OPEN = 1;
      CLOSING = 2;
      CLOSED = 3;
      readyState = 0;
      protocol = '';
      extensions = '';
      bufferedAmount = 0;
      binaryType = 'blob';
      onopen = null;
      onclose = null;
      onerror = null;
      onmessage = null;
      #listeners = { open: new Set(), close: new Set(), error: new Set(), message: new Set() };

      constructor(url) {
        this.url = url;
        this.client = url.slice(url.lastIndexOf('/') + 1);
        world.attempts.push(world.clock.now);
        world.sockets.add(this);
        world.clock.setTimeout(() => world.#handshake(this), HANDSHAKE_MS);
      }
      addEventListener(type, fn) {
        this.#listeners[type]?.add(fn);
      }
      removeEventListener(type, fn) {
        this.#listeners[type]?.delete(fn);
      }
      dispatch(type, event) {
        this[`on${type}`]?.(event);
        for (const fn of [...(this.#listeners[type] ?? [])]) (typeof fn === 'function' ? fn : fn.handleEvent)(event);
      }
      send() {}
      close(code = 1005, reason = '') {
        if (this.readyState >= 2) return;
        const wasConnecting = this.readyState === 0;
        this.readyState = 2;
        world.clock.setTimeout(() => {
          if (wasConnecting) this.dispatch('error', { type: 'error' });
          world.finish(this, wasConnecting ? 1006 : code, reason, !wasConnecting);
        }, 1);
      }
    };
  }

  #handshake(ws) {
    if (ws.readyState !== 0) return;
    const outcome = this.accept(this.clock.now);
    if (outcome === 'refuse') {
      // What a browser reports for a refused connection: an error, then 1006 without ever opening.
      ws.readyState = 3;
      this.sockets.delete(ws);
      ws.dispatch('error', { type: 'error' });
      ws.dispatch('close', { type: 'close', code: 1006, reason: '', wasClean: false });
      return;
    }
    ws.readyState = 1;
    ws.dispatch('open', { type: 'open' });
    if (outcome === 'open') {
      const list = this.opens.get(ws.client) ?? [];
      list.push(this.clock.now);
      this.opens.set(ws.client, list);
      return;
    }
    this.clock.setTimeout(() => this.closeFromServer(ws, outcome), 1);
  }

  /** The gateway closes a connection with a code (a real close frame). */
  closeFromServer(ws, code, reason = '') {
    if (ws.readyState !== 1) return;
    ws.readyState = 2;
    this.clock.setTimeout(() => this.finish(ws, code, reason, true), 1);
  }

  /** The network drops a connection (no close frame). */
  drop(ws) {
    if (ws.readyState >= 2) return;
    ws.readyState = 3;
    this.sockets.delete(ws);
    ws.dispatch('error', { type: 'error' });
    ws.dispatch('close', { type: 'close', code: 1006, reason: '', wasClean: false });
  }

  finish(ws, code, reason, wasClean) {
    if (ws.readyState === 3) return;
    ws.readyState = 3;
    this.sockets.delete(ws);
    ws.dispatch('close', { type: 'close', code, reason, wasClean });
  }

  openSockets() {
    return [...this.sockets].filter((ws) => ws.readyState === 1);
  }
}
