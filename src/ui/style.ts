/**
 * The banner's stylesheet, one source for both banners: `closewise/ui` puts it in its shadow root
 * with `host` = `:host`; `closewise/react` renders it in light DOM with `host` =
 * `[data-closewise-status]`, so the app's own CSS reaches the parts too. All styling goes through
 * custom properties on the host, so apps theme it without global CSS.
 *
 * @example
 * ```ts
 * style.textContent = bannerStyle(':host');
 * ```
 */
export function bannerStyle(host: string): string {
  return `
${host} { display: block; }
${host} .banner {
  font: var(--closewise-font, 14px/1.4 system-ui, sans-serif);
  color: var(--closewise-fg, #1f2328);
  background: var(--closewise-bg, #fff8c5);
  border: 1px solid var(--closewise-border, #d4a72c);
  border-radius: var(--closewise-radius, 6px);
  padding: var(--closewise-padding, 12px 16px);
  transition: opacity 0.2s ease, transform 0.2s ease;
}
${host} .banner[data-state="paused"], ${host} .banner[data-state="stopped"] {
  background: var(--closewise-alert-bg, #ffebe9);
  border-color: var(--closewise-alert-border, #cf222e);
}
${host} .banner[hidden] { display: none; }
${host} .title { font-weight: 600; margin: 0 0 4px; }
${host} .description, ${host} .fix, ${host} .code { margin: 4px 0; }
${host} .code { font-size: 0.9em; opacity: 0.8; }
${host} .actions { display: flex; gap: 8px; margin-top: 8px; }
${host} button {
  font: inherit;
  padding: 4px 12px;
  border-radius: var(--closewise-radius, 6px);
  border: 1px solid currentColor;
  background: var(--closewise-button-bg, transparent);
  color: inherit;
  cursor: pointer;
}
${host} button:focus-visible { outline: 2px solid var(--closewise-accent, #0969da); outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) { ${host} .banner { transition: none; } }
`;
}
