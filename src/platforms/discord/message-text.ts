import type { Message } from 'discord.js';
import { stripMarkup } from '../../dispatch/index.js';

/**
 * The claim a message makes, for "check this" and Find sources: its own words, or, when it is only a
 * link (a news article shared with its preview), the preview's title and description.
 */
export function claimText(message: Pick<Message, 'content' | 'embeds'>): string {
  const own = stripMarkup(message.content ?? '');
  if (own) return message.content;
  return message.embeds
    .map((e) => [e.title, e.description].filter(Boolean).join('\n'))
    .filter(Boolean)
    .join('\n')
    .trim();
}
