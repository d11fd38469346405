import type { ReplyItem } from './reply.js';

/**
 * How a statement was put, for every platform's rendering: reported speech shown as its clause
 * alone reads as the speaker asserting it ("Officials denied that X" → "X — Officials"), so the
 * platforms show the reporting verb and the sentence with it.
 */

/** Reported speech and partly quoted statements: not the speaker's words verbatim throughout. */
export function isReported(item: ReplyItem): boolean {
  return item.kind === 'indirect' || item.kind === 'mixed';
}

/** The reporting verb as written ("denied", "according to"); null for direct quotes and a bare colon. */
export function reportingCue(item: ReplyItem): string | null {
  if (!isReported(item) || !item.cue || !/\p{L}/u.test(item.cue)) return null;
  return item.cue.replace(/\s+/g, ' ').trim();
}

/** Only letters and digits: a sentence that is just the quote in quote marks adds no context. */
function letters(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether the statement's sentence says more than its quoted or reported words. */
export function sentenceAddsContext(item: ReplyItem): boolean {
  const text = letters(item.text ?? '');
  return text !== '' && text !== letters(item.quote ?? '');
}
