import type { Message } from 'discord.js';
import { stripMarkup } from '../../dispatch/index.js';

type Readable = Pick<Message, 'content' | 'embeds'>;

/** A message's own words, else its link previews' titles and descriptions. */
function wordsOf(message: Readable): string {
  const own = stripMarkup(message.content ?? '');
  if (own) return message.content;
  return (message.embeds ?? [])
    .map((e) => [e.title, e.description].filter(Boolean).join('\n'))
    .filter(Boolean)
    .join('\n')
    .trim();
}

/**
 * The claim a message makes, for "check this" and Find sources: its own words, or, when it is only a
 * link (a news article shared with its preview), the preview's title and description; a forwarded
 * message has none of its own: its words are in the snapshot of the message forwarded.
 */
export function claimText(message: Readable & { messageSnapshots?: Pick<Message, 'messageSnapshots'>['messageSnapshots'] }): string {
  const own = wordsOf(message);
  if (stripMarkup(own)) return own;
  for (const snapshot of message.messageSnapshots?.values() ?? []) {
    const forwarded = wordsOf({ content: snapshot.content ?? '', embeds: snapshot.embeds ?? [] });
    if (stripMarkup(forwarded)) return forwarded;
  }
  return own;
}
