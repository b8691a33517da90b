// What the README's examples assume an app already has: its own functions and state. Nothing
// of closewise is declared here; every closewise name comes from the built package.
declare function getToken(): Promise<string>;
declare function refreshToken(): Promise<string>;
declare function render(data: unknown): void;
declare function log(...values: unknown[]): void;
declare function redirectToLogin(): void;
declare function showBanner(advice: { description: string; howToFix: string }): void;
declare function showFatal(reason: string): void;
declare let token: string;
declare const url: string;
declare const container: HTMLElement;
/** The app's auth module. */
declare const auth: { readonly token: string; refreshToken(): Promise<void> };
/** The app's own banner component (the README's UI recipes show it taking different shapes). */
declare const banner: { show(...content: unknown[]): void; hide(): void; fatal(...content: unknown[]): void };
/** A socket the app created earlier, and the locale it chose. */
declare const socket: import('closewise').ResilientSocket;
declare const locale: import('closewise').Locale;
