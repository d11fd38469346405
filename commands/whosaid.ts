import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import { otherAttributionsText, type Reply, type ReplyItem } from '../src/domain/reply.js';
import type { SearchResult } from '../src/corpus/types.js';
import { coverage } from '../src/corpus/coverage.js';
import { verbatimFor } from '../src/corpus/verbatim.js';
import { PAGE_SIZE, commandHelp, nextPaging, prepareQuery, quoted, readOffset, toItem, uniq } from '../src/dispatch/kit.js';
import { reportingCue } from '../src/domain/reported-speech.js';

export const definition: CommandDefinition = {
  name: 'whosaid',
  description: 'Who said it? The speaker of the best-matching quote, and close alternatives',
  usage: '/whosaid <words>',
  options: [
    {
      name: 'words',
      description: 'The words you remember, roughly',
      type: 'string',
      required: true,
      rest: true,
      autocomplete: 'quote',
      maxLength: 500,
    },
  ],
};

/** Results this close to the best (fuse score, 0 = perfect) make the answer ambiguous. */
const AMBIGUOUS_WITHIN = 0.1;
/** An attributed result may lead over an unattributed one that scores only slightly better. */
const PREFER_ATTRIBUTED_WITHIN = 0.15;
/**
 * The headline says "X said “…”" only when the lead's words carry this share of the words asked
 * about (typos and inflections allowed): fuzzy search also matches speaker and outlet names and
 * near misses ("walls safe" finds the Wall Street Journal), and the headline must not put the
 * asker's words in someone's mouth.
 */
const SAID_IT_COVERAGE = 0.75;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function describe(item: ReplyItem): string {
  const who = item.speaker ?? 'an unnamed source';
  const role = item.speakerRole ? ` (${item.speakerRole})` : '';
  const how = item.cue && /\btold\b/i.test(item.cue) ? 'told' : item.cue && /according/i.test(item.cue) ? 'according to' : 'via';
  const to = item.outlet && item.outlet !== item.speaker ? `, ${how} ${item.outlet}` : '';
  return `${who}${role}${to}`;
}

/**
 * "X said “…”" for a direct quote, with X's own words (verbatim.ts), never the asker's. Reported speech is headed with the verb the article reports it
 * by, as its item shows it ("Officials (denied): the closure was linked …"): a denial must not be
 * headed as an assertion, and words that are the writer's are not put in quote marks.
 */
function headline(item: ReplyItem, verbatim: string): string {
  const who = capitalise(item.speaker!);
  const cue = reportingCue(item);
  // A headline is one line (Slack's header: 150 characters): the quote is the part that gives way.
  if (!cue) return `${who} said ${quoted(verbatim, Math.max(60, 148 - who.length - 8))}`;
  if (/^according to$/i.test(cue)) return `According to ${item.speaker}: ${verbatim}`;
  return `${who} (${cue}): ${verbatim}`;
}

/**
 * Another result is a real alternative when it scores about as well, or when it has as many of
 * the words asked about: fuse.js scores a one-word difference in a long quote harshly ("we will
 * never retreat" vs "we will not retreat" is 0.0 against 0.6), word coverage does not.
 */
function isCloseTo(r: SearchResult, lead: SearchResult, words: string): boolean {
  if (r.score <= lead.score + AMBIGUOUS_WITHIN) return true;
  // Every word counts here, function words too: an alternative says nearly the same sentence.
  const leadCoverage = coverage(words, lead.statement.text, { allWordsCount: true });
  const c = coverage(words, r.statement.text, { allWordsCount: true });
  return c >= 0.8 && c >= leadCoverage - 0.15;
}

/** The lead result: the best attributed one unless an unattributed one is clearly better. */
export function pickLead(results: readonly SearchResult[]): number {
  const best = results[0];
  if (!best || best.statement.speaker) return 0;
  const i = results.findIndex(
    (r) => r.statement.speaker && r.score <= best.score + PREFER_ATTRIBUTED_WITHIN,
  );
  return i > 0 ? i : 0;
}

async function run(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  const q = prepareQuery(args.words);
  if (!q.text) return commandHelp(definition);
  const offset = readOffset(args);
  const page = await ctx.corpus.search(q.text, { offset, limit: PAGE_SIZE });
  const notices = uniq([...q.notices, ...page.query.notices]);
  if (page.results.length === 0) {
    return {
      title: offset ? `No more matches for ${quoted(q.text)}` : `Nobody in the corpus said ${quoted(q.text)}`,
      text: 'No quote or statement matches those words. Try fewer words, or /quote to search more loosely.',
      notices,
      sections: [],
      visibility: 'private',
    };
  }
  const paging = nextPaging('whosaid', { ...args, words: q.text }, offset, page.results.length, page.total);
  if (offset > 0) {
    return {
      title: `More matches for ${quoted(q.text)}`,
      text: `Results ${offset + 1}–${offset + page.results.length} of ${page.total}`,
      notices,
      sections: [{ items: page.results.map(toItem) }],
      paging,
      visibility: 'private',
    };
  }

  // Other matches must share most of the words asked about: fuzzy search also returns near misses.
  const results = page.results.filter((r, i) => i === 0 || coverage(q.text, r.statement.text) >= 0.6);
  const leadIdx = pickLead(results);
  const [lead] = results.splice(leadIdx, 1);
  const ordered = [lead!, ...results];
  const items = ordered.map(toItem);
  const leadItem = items[0]!;
  const alternatives = uniq(
    ordered
      .slice(1)
      .filter((r) => r.statement.speaker && isCloseTo(r, lead!, q.text))
      .map((r) => r.statement.speaker!)
      .filter((s) => s !== leadItem.speaker),
  );

  // The words must be in what was said (the quote or reported clause), not merely in the sentence
  // around it: "buzzfeed" is in "…, an officer told BuzzFeed", not in the officer's words.
  const said = lead!.statement.quote ?? lead!.statement.text;
  const hasWords = coverage(q.text, said) >= SAID_IT_COVERAGE;
  // Coverage forgives function words, "not" among them: "it happened" has every content word of
  // "it didn't happen". Words that match but disagree on negation are not what was said.
  const verbatim = verbatimFor(q.text, said);
  const saidIt = hasWords && verbatim.sameNegation;
  const negationNote = hasWords && !verbatim.sameNegation
    ? `${verbatim.spanNegated ? 'negate yours' : 'are not negated as yours are'}: ${quoted(verbatim.span, 160)}`
    : null;
  let text: string;
  if (leadItem.speaker) {
    const from = saidIt
      ? capitalise(describe(leadItem))
      : negationNote
        ? `Not what was said: the closest words, from ${describe(leadItem)}, ${negationNote}`
        : `No statement in the corpus has those words; the closest is from ${describe(leadItem)}`;
    text = `${from} — in “${leadItem.article.title}”.`;
    if (alternatives.length) text += ` Close matches also from: ${alternatives.join(', ')}.`;
  } else {
    text = saidIt
      ? 'The best match does not say who spoke.'
      : negationNote
        ? `Not what was said: the closest words, which do not say who spoke, ${negationNote}.`
        : 'No statement in the corpus has those words; the closest does not say who spoke.';
    if (alternatives.length) text += ` Close matches name: ${alternatives.join(', ')}.`;
  }
  if (leadItem.corroboration.articles > 1) text += ` Reported in ${leadItem.corroboration.articles} articles.`;
  const others = otherAttributionsText(leadItem.corroboration, (s) => s);
  if (others) text += ` Careful: the same words are ${others}.`;

  return {
    title: !saidIt
      ? `Closest match for ${quoted(q.text)}${leadItem.speaker ? `: ${leadItem.speaker}` : ''}`
      : leadItem.speaker
        ? headline(leadItem, verbatim.span)
        : `Who said ${quoted(q.text)}?`,
    text,
    notices,
    sections: [
      { heading: 'Best match', items: items.slice(0, 1) },
      ...(items.length > 1 ? [{ heading: alternatives.length ? 'Alternatives' : 'Other matches', items: items.slice(1) }] : []),
    ],
    paging,
    visibility: 'private',
  };
}

export const whosaid: Command = { definition, run };
