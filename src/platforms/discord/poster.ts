import type { Client } from 'discord.js';
import type { Reply } from '../../domain/reply.js';
import { PostError, type ChannelPoster } from '../types.js';
import { messageBody } from './answers.js';
import { toPostError } from './errors.js';

/** Digests post through this: a rendered Reply to a channel id, failures as PostError. */
export function discordPoster(client: Client): ChannelPoster {
  return {
    platform: 'discord',
    async post(channelId: string, reply: Reply): Promise<void> {
      if (!/^\d{5,25}$/.test(channelId)) throw new PostError(`Discord channel ids are numbers, not "${channelId.slice(0, 40)}"`, false);
      let channel;
      try {
        channel = await client.channels.fetch(channelId);
      } catch (err) {
        throw toPostError(err, channelId);
      }
      if (!channel || !channel.isSendable()) throw new PostError(`Discord channel ${channelId} is not a text channel`, false);
      // A digest has no buttons: it is one post, not an answer to page through.
      const body = messageBody(reply, { command: '', args: {}, invocation: { platform: 'discord', userId: '', channelId }, offset: 0, ephemeral: false }, null);
      try {
        await channel.send(body);
      } catch (err) {
        throw toPostError(err, channelId);
      }
    },
  };
}
