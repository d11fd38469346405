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

/**
 * The words the article names the speaker by at this statement when they are not the speaker's
 * name ("she", "the engineer"): the speaker was worked out from the sentences before, and a reader
 * checking the attribution needs to see the sentence. Null when the mention has the name.
 */
function inferredSpeakerMention(item: ReplyItem): string | null {
  const mention = item.speakerMention?.replace(/\s+/g, ' ').trim();
  if (!mention || !item.speaker) return null;
  const said = new Set(mention.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const named = item.speaker.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w.length > 1 && said.has(w));
  return named ? null : mention;
}

/** Whether the sentence is shown beside the words: reported speech, or a speaker worked out. */
export function showsContext(item: ReplyItem): boolean {
  return sentenceAddsContext(item) && (isReported(item) || inferredSpeakerMention(item) !== null);
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` UTF-16 units, "…" included, of whole graphemes: a cut inside an emoji left half a
 * surrogate pair (invalid text a platform may refuse with the whole message), and one inside a
 * ZWJ sequence, a flag or a letter with its combining accent showed another emoji or letter.
 */
function cutGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** "In context" or, for a speaker worked out from the text, "In context (named as “she”)". */
export function contextLabel(item: ReplyItem): string {
  const mention = inferredSpeakerMention(item);
  return mention ? `In context (named as “${cutGraphemes(mention, 40)}”)` : 'In context';
}

/** Whether the statement's sentence says more than its quoted or reported words. */
export function sentenceAddsContext(item: ReplyItem): boolean {
  const text = letters(item.text ?? '');
  return text !== '' && text !== letters(item.quote ?? '');
}
