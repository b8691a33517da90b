/**
 * `closewise/ui`: the status banner, as a render function and as a custom element.
 *
 * @packageDocumentation
 */
export type { StatusBanner, StatusBannerOptions, StatusSource } from './banner.js';
export { createStatusBanner, mountStatusBanner } from './banner.js';
export type { ClosewiseStatusElement } from './element.js';
export { defineStatusElement } from './element.js';
export type { BannerView } from './model.js';
export { bannerView } from './model.js';
