import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { roleAfterName } from '../src/domain/statement.js';
import { isGroupOf, namesakes } from '../src/corpus/speakers.js';
import type { SpeakerInfo } from '../src/store/types.js';
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
  name: 'speaker',
  description: 'What one person said, optionally about a topic',
  usage: '/speaker <name> [words]  — e.g. /speaker McMaster meeting',
  options: [
    { name: 'name', description: 'Who (any known form of the name)', type: 'string', required: true, autocomplete: 'speaker' },
    { name: 'query', description: 'Only what they said about this', type: 'string', rest: true, maxLength: 500 },
  ],
};

type Resolver = (name: string) => Promise<string | null>;

/**
 * Free text gives "McMaster the meeting" or "H.R. McMaster meeting" in one string: the longest
 * leading run of words that names a known speaker is the name, the rest is the query. A quoted
 * leading phrase is the name as typed.
 */
export async function splitNameAndQuery(
  text: string,
  resolve: Resolver,
): Promise<{ name: string; canonical: string | null; query: string }> {
  const quotedName = /^["“]([^"”]+)["”]\s*(.*)$/s.exec(text);
  if (quotedName) {
    const name = quotedName[1]!.trim();
    return { name, canonical: await resolve(name), query: quotedName[2]!.trim() };
  }
  const words = text.split(/\s+/).filter(Boolean);
  for (let k = Math.min(4, words.length); k >= 1; k--) {
    const name = words.slice(0, k).join(' ').replace(/['’]s$/i, '').replace(/[,:]$/, '');
    const canonical = await resolve(name);
    if (canonical) return { name, canonical, query: words.slice(k).join(' ') };
  }
  return { name: words[0] ?? '', canonical: null, query: words.slice(1).join(' ') };
}

async function run(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  const rawName = typeof args.name === 'string' ? prepareQuery(args.name).text : '';
  const q = prepareQuery(args.query);
  let name = rawName;
  let query = q.text;
  let canonical: string | null;
  let roleNotice: string | undefined;
  if (!name) {
    if (!query) return commandHelp(definition);
    const split = await splitNameAndQuery(query, (n) => ctx.corpus.resolveSpeaker(n));
    ({ name, canonical, query } = split);
    if (!canonical) {
      // No leading name: perhaps a leading description ("the president intel"). Asked only now,
      // as a role is looked up in the statements themselves.
      const notices = new Map<string, string>();
      const byRole = await splitNameAndQuery(q.text, async (n) => {
        const found = await speakerForRole(ctx.corpus, n);
        if (found) notices.set(found.name, found.notice);
        return found?.name ?? null;
      });
      if (byRole.canonical) {
        ({ name, canonical, query } = byRole);
        roleNotice = notices.get(byRole.canonical);
      }
    }
  } else {
    canonical = await ctx.corpus.resolveSpeaker(name);
    if (!canonical) {
      const byRole = await speakerForRole(ctx.corpus, name);
      if (byRole) {
        canonical = byRole.name;
        roleNotice = byRole.notice;
      }
    }
  }
  if (!canonical) return unknownSpeakerReply(ctx.corpus, name);
  // A surname several people share ("Reed": Jo Reed and Tom Reed) is not one person: their quotes
  // must not be listed, or labelled, as one speaker's. Asked which one is meant instead.
  const same = namesakes(name, await ctx.corpus.speakers());
  if (same.length >= 2) return namesakesReply(name, same, await ctx.corpus.speakers());

  const offset = readOffset(args);
  const page = await ctx.corpus.search(query, { offset, limit: PAGE_SIZE, filters: { speaker: canonical } });
  const notices = uniq([...(roleNotice ? [roleNotice] : []), ...q.notices, ...page.query.notices]);
  const about = query ? ` about ${quoted(query)}` : '';
  if (!page.results.length) {
    if (page.unknownOutlet && !offset) return unknownOutletReply(page.unknownOutlet, notices);
    return {
      title: offset ? `Nothing more from ${canonical}${about}` : `Nothing from ${canonical}${about}`,
      text: query ? `${canonical} is in the corpus, but no statement of theirs matches those words.` : undefined,
      notices,
      sections: [],
      visibility: 'private',
    };
  }
  // The role of this speaker's own statements: the loose name filter also admits namesakes.
  const role = page.results.filter((r) => r.statement.speaker === canonical).map((r) => roleAfterName(r.statement.speakerRole)).find((r) => r);
  // Statements of groups they belong to ("Ruth Calder and Bob Quill said …") are listed too; the
  // items show the group as the speaker, and the summary says they were joint.
  const groups = new Set((await ctx.corpus.speakers()).filter((s) => isGroupOf(s, canonical!)).map((s) => s.name));
  const joint = uniq(page.results.map((r) => r.statement.speaker ?? '').filter((s) => groups.has(s)));
  return {
    title: `What ${canonical} said${about}`,
    text:
      (role ? `${canonical}, ${role}. ` : '') +
      (page.total > page.results.length || offset
        ? `Results ${offset + 1}–${offset + page.results.length} of ${page.total}.`
        : `${page.total} result${page.total === 1 ? '' : 's'}.`) +
      (joint.length ? ` Including joint statements: ${joint.join('; ')}.` : ''),
    notices,
    sections: [{ items: page.results.map(toItem) }],
    paging: nextPaging('speaker', { name: canonical, ...(query ? { query } : {}) }, offset, page.results.length, page.total),
    visibility: 'private',
  };
}

async function autocomplete(ctx: CommandContext, option: string, partial: string) {
  if (option !== 'name') return [];
  const names = await ctx.corpus.suggestSpeakers(partial, 25);
  return names.map((n) => ({ name: n.slice(0, 100), value: n.slice(0, 100) }));
}

export const speaker: Command = { definition, run, autocomplete };

/** "Several people named Reed": each with their statements, and the quotes that name only "Reed". */
function namesakesReply(typed: string, people: readonly SpeakerInfo[], all: readonly SpeakerInfo[]): Reply {
  const bare = all.find((s) => s.name.toLowerCase() === typed.trim().toLowerCase());
  const count = (n: number) => `${n} statement${n === 1 ? '' : 's'}`;
  const lines = people.slice(0, 10).map((p) => `${p.name} (${count(p.statements)}): /speaker "${p.name}"`);
  if (bare) lines.push(`Articles that name only “${bare.name}” (${count(bare.statements)}): which of them is meant is not said`);
  return {
    title: `Several people named ${quoted(typed, 40)}`,
    text: 'Which one? Ask for one of them by full name.',
    notices: [],
    sections: [{ items: [], lines }],
    visibility: 'private',
  };
}

