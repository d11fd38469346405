import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import {
  PAGE_SIZE,
  commandHelp,
  nextPaging,
  prepareQuery,
  quoted,
  readOffset,
  toItem,
  uniq,
  unknownOutletReply,
  speakerForRole,
  unknownSpeakerReply,
} from '../src/dispatch/kit.js';

export const definition: CommandDefinition = {
  name: 'quote',
  description: 'Find verbatim quotes and statements matching your words (typos are fine)',
  usage: '/quote <words> [speaker:NAME]  — also "exact phrase", outlet:NAME, kind:quote',
  options: [
    {
      name: 'query',
      description: 'Words from the quote; "exact phrase", outlet:NAME and kind:quote work too',
      type: 'string',
      required: true,
      rest: true,
      autocomplete: 'quote',
      maxLength: 500,
    },
    { name: 'speaker', description: 'Only what this person said (a name with spaces in quotes: speaker:"Ron Dermer")', type: 'string', autocomplete: 'speaker' },
  ],
};

async function run(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  const q = prepareQuery(args.query);
  const rawSpeaker = typeof args.speaker === 'string' ? args.speaker.trim() : '';
  // `/quote speaker:mcmaster` with no words asks for what that person said, newest first (an
  // `outlet:` or `kind:` alone already worked: they stay in the words); only nothing at all is help.
  if (!q.text && !rawSpeaker) return commandHelp(definition);
  const offset = readOffset(args);

  let speaker: string | undefined;
  let roleNotice: string | undefined;
  if (rawSpeaker) {
    const resolved = await ctx.corpus.resolveSpeaker(rawSpeaker);
    if (resolved) speaker = resolved;
    else {
      const byRole = await speakerForRole(ctx.corpus, rawSpeaker);
      if (!byRole) return unknownSpeakerReply(ctx.corpus, rawSpeaker);
      speaker = byRole.name;
      roleNotice = byRole.notice;
    }
  }

  const page = await ctx.corpus.search(q.text, {
    offset,
    limit: PAGE_SIZE,
    ...(speaker ? { filters: { speaker } } : {}),
  });
  const notices = uniq([...(roleNotice ? [roleNotice] : []), ...q.notices, ...page.query.notices]);
  const by = speaker ? ` by ${speaker}` : '';
  const matching = q.text ? ` matching ${quoted(q.text)}` : '';
  if (page.results.length === 0) {
    if (page.unknownOutlet && !offset) return unknownOutletReply(page.unknownOutlet, notices);
    return {
      title: offset ? `No more quotes${matching}${by}` : `No quotes${matching}${by}`,
      text: 'Try fewer or different words, or /sources for a claim in your own words.',
      notices,
      sections: [],
      visibility: 'private',
    };
  }
  const from = offset + 1;
  const to = offset + page.results.length;
  return {
    title: `Quotes${matching}${by}`,
    text: page.total > page.results.length || offset ? `Results ${from}–${to} of ${page.total}` : undefined,
    notices,
    sections: [{ items: page.results.map(toItem) }],
    paging: nextPaging('quote', { ...args, query: q.text, ...(speaker ? { speaker } : {}) }, offset, page.results.length, page.total),
    visibility: 'private',
  };
}

export const quote: Command = { definition, run };
