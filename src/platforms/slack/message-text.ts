import { stripMarkup } from '../../dispatch/index.js';
import { slackTextToPlain } from './escape.js';

/**
 * The words a Slack message offers to "check this" and Find sources, read from the message
 * object as conversations.replies and shortcuts give it. Its own text when that has words;
 * otherwise what its attachments say (a link's unfurl, a news or RSS app's post: title, text,
 * pretext), as Discord's Find sources reads a link's embed.
 */
export interface SlackMessageLike {
  text?: unknown;
  subtype?: unknown;
  attachments?: unknown;
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

export function messageClaim(message: SlackMessageLike | undefined, botUserId: string | undefined): MessageClaim {
  if (!message) return { problem: 'deleted' };
  // Slack keeps a thread whose first message was deleted under a tombstone ("This message was deleted.").
  if (message.subtype === 'tombstone') return { problem: 'deleted' };
  const own = slackTextToPlain(typeof message.text === 'string' ? message.text : '', botUserId);
  if (stripMarkup(own)) return { text: own };
  const attached = slackTextToPlain(attachmentText(message.attachments), botUserId);
  if (stripMarkup(attached)) return { text: attached };
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
