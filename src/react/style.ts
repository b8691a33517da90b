import { bannerStyle } from '../ui/style.js';

// The closewise/ui banner's stylesheet (src/ui/style.ts), for light DOM: every rule is scoped
// under the host element, so the same custom properties theme both and the app's own CSS reaches
// the parts by class.
export const HOST = 'data-closewise-status';

export const BANNER_CSS: string = /* @__PURE__ */ bannerStyle(`[${HOST}]`);
