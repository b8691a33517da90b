// The stylesheet of closewise/ui's banner (src/ui/banner.ts), for light DOM: `:host` becomes the
// host element and every rule is scoped under it, so the same custom properties theme both and
// the app's own CSS reaches the parts by class. test/dom/react.test.tsx checks that it is the
// ui banner's stylesheet, rule for rule. (A copy because banner.ts does not export its STYLE.)
export const HOST = 'data-closewise-status';

export const BANNER_CSS = `
[data-closewise-status] { display: block; }
[data-closewise-status] .banner {
  font: var(--closewise-font, 14px/1.4 system-ui, sans-serif);
  color: var(--closewise-fg, #1f2328);
  background: var(--closewise-bg, #fff8c5);
  border: 1px solid var(--closewise-border, #d4a72c);
  border-radius: var(--closewise-radius, 6px);
  padding: var(--closewise-padding, 12px 16px);
  transition: opacity 0.2s ease, transform 0.2s ease;
}
[data-closewise-status] .banner[data-state="paused"], [data-closewise-status] .banner[data-state="stopped"] {
  background: var(--closewise-alert-bg, #ffebe9);
  border-color: var(--closewise-alert-border, #cf222e);
}
[data-closewise-status] .banner[hidden] { display: none; }
[data-closewise-status] .title { font-weight: 600; margin: 0 0 4px; }
[data-closewise-status] .description, [data-closewise-status] .fix, [data-closewise-status] .code { margin: 4px 0; }
[data-closewise-status] .code { font-size: 0.9em; opacity: 0.8; }
[data-closewise-status] .actions { display: flex; gap: 8px; margin-top: 8px; }
[data-closewise-status] button {
  font: inherit;
  padding: 4px 12px;
  border-radius: var(--closewise-radius, 6px);
  border: 1px solid currentColor;
  background: var(--closewise-button-bg, transparent);
  color: inherit;
  cursor: pointer;
}
[data-closewise-status] button:focus-visible { outline: 2px solid var(--closewise-accent, #0969da); outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) { [data-closewise-status] .banner { transition: none; } }
`;
