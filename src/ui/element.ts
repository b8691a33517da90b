import type { Clock } from '../client/clock.js';
import type { CodesOption } from '../registry/resolve.js';
import type { Locale } from '../registry/types.js';
import { mountStatusBanner, type StatusBanner, type StatusSource } from './banner.js';

/**
 * The `<closewise-status>` element: set its `socket` (and optionally `locale`, `codes`, `clock`)
 * properties and it renders the status banner in its open shadow root. It unsubscribes when
 * removed from the document and subscribes again when put back.
 *
 * @example
 * ```ts
 * defineStatusElement();
 * const el = document.createElement('closewise-status'); // typed: HTMLElementTagNameMap has it
 * el.socket = socket;
 * el.locale = tr;
 * document.body.append(el);
 * ```
 */
export interface ClosewiseStatusElement extends HTMLElement {
  socket: StatusSource | undefined;
  locale: Locale | undefined;
  codes: CodesOption | undefined;
  clock: Clock | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'closewise-status': ClosewiseStatusElement;
  }
}

/**
 * Registers `<closewise-status>` (or another tag name). Safe to call more than once, and a no-op
 * where there is no `customElements` (server-side rendering, Node, a worker). Nothing is
 * registered on import, so the module stays free of side effects and server-side safe.
 *
 * @example
 * ```ts
 * import { defineStatusElement } from 'closewise/ui';
 * defineStatusElement();
 * ```
 */
export function defineStatusElement(
  tagName = 'closewise-status',
  registry: CustomElementRegistry | undefined = (globalThis as { customElements?: CustomElementRegistry })
    .customElements,
): void {
  if (!registry || registry.get(tagName)) return;

  class StatusElement extends HTMLElement implements ClosewiseStatusElement {
    private banner: StatusBanner | undefined;
    private currentSocket: StatusSource | undefined;
    private currentLocale: Locale | undefined;
    private currentCodes: CodesOption | undefined;
    private currentClock: Clock | undefined;

    get socket() {
      return this.currentSocket;
    }
    set socket(value) {
      this.currentSocket = value;
      this.remount();
    }
    get locale() {
      return this.currentLocale;
    }
    set locale(value) {
      this.currentLocale = value;
      if (this.banner && value) this.banner.setLocale(value);
      else this.remount();
    }
    get codes() {
      return this.currentCodes;
    }
    set codes(value) {
      this.currentCodes = value;
      this.remount();
    }
    get clock() {
      return this.currentClock;
    }
    set clock(value) {
      this.currentClock = value;
      this.remount();
    }

    connectedCallback(): void {
      this.remount();
    }

    disconnectedCallback(): void {
      this.banner?.destroy();
      this.banner = undefined;
    }

    private remount(): void {
      this.banner?.destroy();
      this.banner = undefined;
      if (!this.isConnected || !this.currentSocket) return;
      this.banner = mountStatusBanner(this, this.currentSocket, {
        ...(this.currentLocale && { locale: this.currentLocale }),
        ...(this.currentCodes && { codes: this.currentCodes }),
        ...(this.currentClock && { clock: this.currentClock }),
      });
    }
  }

  registry.define(tagName, StatusElement);
}
