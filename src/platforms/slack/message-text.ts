import { stripMarkup } from '../../dispatch/index.js';
import { slackTextToPlain } from './escape.js';

/**
 * The words a Slack message offers to "check this" and Find sources, read from the message
 * object as conversations.replies and shortcuts give it. Its own text when that has words;
 * otherwise what its attachments say (a link's unfurl, a news or RSS app's post: title, text,
 * pretext), as Discord's Find sources reads a link's embed; otherwise its blocks' text (an app
 * that posts Block Kit with an empty `text`).
 */
export interface SlackMessageLike {
  text?: unknown;
  subtype?: unknown;
  attachments?: unknown;
  blocks?: unknown;
  files?: unknown;
}

export type MessageClaim = { text: string } | { problem: 'deleted' | 'no-words' | 'only-files' };

function attachmentText(attachments: unknown): string {
  if (!Array.isArray(attachments)) return '';
  const parts: string[] = [];
  for (const a of attachments as Array<Record<string, unknown>>) {
    if (!a || typeof a !== 'object') continue;
    const own = [a.pretext, a.title, a.text].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    // `fallback` repeats title and text; it is the only words when an app sent nothing else.
    if (!own.length && typeof a.fallback === 'string') own.push(a.fallback);
    parts.push(...own);
  }
  return parts.join('\n');
}

/**
 * The words of an app's Block Kit message (headers, sections and their fields, context, rich
 * text), for apps that post blocks with an empty or generic `text`.
 */
function blockText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const out: string[] = [];
  const textOf = (t: unknown) => {
    const text = (t as { text?: unknown } | null)?.text;
    if (typeof text === 'string' && text.trim()) out.push(text);
  };
  const richText = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    let line = '';
    for (const e of elements as Array<Record<string, unknown>>) {
      if (e && typeof e.text === 'string') line += e.text;
      if (e && Array.isArray(e.elements)) richText(e.elements);
    }
    if (line.trim()) out.push(line);
  };
  for (const b of blocks as Array<Record<string, unknown>>) {
    if (!b || typeof b !== 'object') continue;
    if (b.type === 'header' || b.type === 'section') textOf(b.text);
    if (b.type === 'section' && Array.isArray(b.fields)) for (const f of b.fields) textOf(f);
    if (b.type === 'context' && Array.isArray(b.elements)) for (const e of b.elements) textOf(e);
    if (b.type === 'rich_text') richText(b.elements);
  }
  return out.join('\n');
}

export function messageClaim(message: SlackMessageLike | undefined, botUserId: string | undefined): MessageClaim {
  if (!message) return { problem: 'deleted' };
  // Slack keeps a thread whose first message was deleted under a tombstone ("This message was deleted.").
  if (message.subtype === 'tombstone') return { problem: 'deleted' };
  const own = slackTextToPlain(typeof message.text === 'string' ? message.text : '', botUserId);
  if (stripMarkup(own)) return { text: own };
  const attached = slackTextToPlain(attachmentText(message.attachments), botUserId);
  if (stripMarkup(attached)) return { text: attached };
  const blocks = slackTextToPlain(blockText(message.blocks), botUserId);
  if (stripMarkup(blocks)) return { text: blocks };
  return { problem: Array.isArray(message.files) && message.files.length ? 'only-files' : 'no-words' };
}

/** What to tell the user when a message offers nothing to check. */
export function claimProblemText(problem: 'deleted' | 'no-words' | 'only-files', where: 'thread' | 'message'): { title: string; text: string } {
  switch (problem) {
    case 'deleted':
      return {
        title: 'No message to check',
        text: 'The message this thread started from was deleted. Paste its words after “@factbot sources for …” to check them.',
      };
    case 'only-files':
      return {
        title: 'Nothing to check',
        text: `${where === 'thread' ? 'The thread’s first message' : 'That message'} has only images or files; I can check words only. Paste the claim after “@factbot sources for …”.`,
      };
    default:
      return {
        title: 'Nothing to check',
        text: `${where === 'thread' ? 'The thread’s first message' : 'That message'} has no words to look up.`,
      };
  }
}
