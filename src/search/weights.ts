import { FUSE_KEYS } from './fuse-options.js';

/** fuse.js's normalised key weights (weight / sum of weights), in its key order. */
const TOTAL_WEIGHT = FUSE_KEYS.reduce((s, k) => s + k.weight, 0);
export const W_QUOTE = 4 / TOTAL_WEIGHT;
export const W_TEXT = 4 / TOTAL_WEIGHT;
export const W_SPEAKERS = 2 / TOTAL_WEIGHT;
export const W_OUTLETS = 1.5 / TOTAL_WEIGHT;
export const W_TITLE = 1 / TOTAL_WEIGHT;
