import type { Paging } from '../../domain/reply.js';

/**
 * The paging arithmetic, in one place. A command sets `Paging` only when there is a next page,
 * and `Paging.offset` is where that next page starts (see src/dispatch `runPage`).
 * `dropped` = items of this page the renderer had to leave out to fit Slack's limits: the next
 * page starts at them, so nothing is skipped.
 */
export function nextOffset(paging: Paging, dropped = 0): number {
  return Math.max(0, paging.offset - dropped);
}

/** Results after the ones this message shows. */
export function remainingAfter(paging: Paging, dropped = 0): number {
  return Math.max(0, paging.total - nextOffset(paging, dropped));
}

/** The argument that asks a command for a page. */
export const OFFSET_ARG = 'offset';
