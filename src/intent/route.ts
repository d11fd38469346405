import type { CommandArgs, CommandDefinition } from '../domain/command.js';
import { commands as allCommands } from '../../commands/index.js';
import { parseTextArgs } from './parse-args.js';

/**
 * What a mention or a console line asks for. Slash-style text (`/quote great intel`, `quote great
 * intel`) goes to that command; natural questions are recognised by a few sentence shapes people
 * actually type; anything else is a quote search, which is the most useful guess.
 */
export type Route =
  | { type: 'command'; command: string; args: CommandArgs; subcommand?: string; errors?: string[] }
  | { type: 'check-thread' }
  | { type: 'help' }
  | { type: 'thanks' };

/** Removes platform mentions of the bot (`<@U123>`, `<@!123>`, `@factbot`) and a leading "factbot,". */
export function stripMentions(text: string): string {
  return text
    .replace(/<@!?[A-Z0-9]+(\|[^>]*)?>/gi, ' ')
    .replace(/(^|\s)@factbot\b[:,]?/gi, ' ')
    .replace(/^\s*(hey|hi|ok|okay)?\s*,?\s*factbot\b[:,]?/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A greeting or a polite frame before the request ("Hey, who said …", "can you check this",
 * "could you please tell me who said …", "do you know which outlets …"): not words of it. Only
 * when something follows, and a greeting only as a word of its own ("hi-tech" stays).
 */
const POLITE =
  /^(?:(?:hey|hi|hello|yo|ok|okay)(?=[\s,!.:]+\S)[\s,!.:]+|(?:(?:can|could)\s+(?:you|u)\s+(?:please\s+)?|please\s+|pls\s+|do\s+you\s+know\s+|i\s+(?:wonder|want\s+to\s+know)\s+)(?:tell\s+me\s+(?=(?:who|whose|what|which|where|if|whether)\b))?(?=\S))/i;

function withoutPoliteness(msg: string): string {
  let out = msg;
  for (let i = 0; i < 4; i++) {
    const next = out.replace(POLITE, '');
    if (next === out) break;
    out = next;
  }
  // "can you tell me if X is true" reads as "is X true".
  return out.replace(/^(?:if|whether)\s+(.+?)\s+is\s+(true|right|correct)\b/i, 'is it true that $1');
}

/** Trailing question marks, a final full stop, and surrounding quotes of a whole phrase. */
function cleanPhrase(s: string): string {
  let t = s.trim().replace(/[?？!.]+$/u, '').trim();
  const m = /^["“'‘](.*)["”'’]$/su.exec(t);
  if (m && !/["“”]/u.test(m[1]!)) t = m[1]!.trim();
  return t;
}

const CHECK_THREAD =
  /^(please\s+)?(fact[- ]?check|check|verify|source|sources|is\s+(this|that|it)\s+(true|right|correct|real)|any\s+sources|got\s+(a\s+)?sources?|(what\s+are\s+the\s+)?sources\s+for\s+(this|that)|who\s+said\s+(this|that)|where('s|\s+is)\s+(this|that)\s+from)(\s+(this|that|it|one|please|out|for\s+me))*\s*[?!.]*$/i;

/** "help quote", "/help quote", "usage of sources": help for one command. */
const HELP_FOR = /^\/?(?:help|usage)(?:\s+(?:for|of|on|with))?\s+\/?([a-z][a-z0-9_-]*)[?!.\s]*$/i;

/** "who said" with nothing after it: the whosaid usage, not a search for the words "who said". */
const WHO_SAID_ALONE = /^who\s+(?:said|says|say)\s*[?!.:]*$/i;

/** The umbrella command: `/factbot <command> …` runs `/<command> …`. */
const UMBRELLA = 'factbot';

// "who are you?", "what is factbot?", "are you a bot?" in a DM: questions about factbot, not
// quotes to look up (a search for them answered with whatever statement held "who are you").
const HELP = /^(help(?:\s+(?:me|please|us))?|\/help|usage|commands|what\s+can\s+you\s+do|what\s+do\s+you\s+do|how\s+do\s+(i|you)\s+use\s+(you|this|factbot)|who\s+are\s+you|what\s+are\s+you|what\s+is\s+factbot|are\s+you\s+a\s+bot|\?)[?!.\s]*$/i;

// Speech in any channel: people tweet, write and post what they say as much as they say it.
const VERB_SAID =
  '(?:say|said|says|tell|told|tells|claim|claimed|claims|state|stated|states|remark|remarked|declare|declared|' +
  'tweet|tweeted|tweets|write|wrote|writes|post|posted|posts|announce|announced|announces|admit|admitted|admits|deny|denied|denies)';

const WHO_SAID = new RegExp(
  `^(?:who\\s+(?:${VERB_SAID}|(?:has|had|did)\\s+${VERB_SAID}|was\\s+it\\s+that\\s+${VERB_SAID}|is\\s+quoted\\s+(?:as\\s+)?saying)|whose\\s+(?:quote|words?)\\s+(?:is|are|was|were))\\s*[:,]?\\s+(.+)$`,
  'is',
);

const WHAT_DID = new RegExp(
  `^(?:what|anything)\\s+(?:did|does|has|have|had)\\s+(.+?)\\s+${VERB_SAID}(?:\\s+(?:about|on|regarding|concerning|of|to\\s+\\S+\\s+about))?(?:\\s+(.+?))?[?!.\\s]*$`,
  'is',
);

/** "what McMaster said about the meeting" (as after "do you know"): a capitalised name only, so
 * "what officials said about …" stays a search. */
const WHAT_NAME_SAID = new RegExp(
  `^(?:[Ww]hat|[Aa]nything)\\s+((?:[A-Z][\\w.'’-]*\\s+){1,4}?)(?:has\\s+|had\\s+)?(?:said|told|tweeted|wrote|posted|claimed|stated|announced|admitted|denied)(?:\\s+(?:about|on|regarding|concerning))?(?:\\s+(.+?))?[?!.\\s]*$`,
  's',
);

const QUOTES_FROM = /^(?:(?:show|give|find|list)\s+(?:me\s+)?)?(?:quotes?|statements?)\s+(?:from|by)\s+(.+?)(?:\s+(?:about|on|regarding)\s+(.+))?$/is;

const SOURCES = [
  /^sources?\s*:\s*(.+)$/is,
  /^(?:(?:what|where)(?:'s|’s|\s+is|\s+are)\s+(?:the\s+)?)?(?:sources?|outlets?|articles?|coverage)\s+(?:for|of|on|about|that\s+(?:say|report|claim)s?|reporting(?:\s+that)?)\s*:?\s+(.+)$/is,
  /^(?:which|what)\s+(?:news\s+)?(?:outlets?|articles?|sources?|media|papers?|newspapers?|publications?|reports?)\s+(?:(?:have|has|had|did|do|does)\s+)?(?:report(?:ed|s|ing)?|said|say|says|claim(?:ed|s)?|confirm(?:ed|s)?|mention(?:ed|s)?|cover(?:ed|s)?|back(?:ed|s)?(?:\s+up)?)\s*(?:that|the\s+claim\s+that|on)?\s*(.+)$/is,
  /^(?:who|which\s+outlets?)\s+(?:first\s+)?reported\s+(?:that\s+)?(.+)$/is,
  /^(?:is\s+it\s+true|is\s+there\s+(?:a\s+)?(?:source|evidence)\s+(?:that|for))\s+(?:that\s+)?(.+)$/is,
  /^(?:fact[- ]?check|check|verify)\s*:?\s+(?!this\b|that\b|it\b)(.+)$/is,
];

/** "Who is Ron Dermer?", "tell me about McMaster": a capitalised name, so "tell me about the meeting" stays a search. */
const WHO_IS = /^(?:[Ww]ho\s+is|[Ww]ho['’]s|[Tt]ell\s+me\s+about)\s+((?:[A-Z][\w.'’-]*\s*){1,4})[?!.]*$/;

const QUOTE_PREFIX = /^(?:find|search(?:\s+for)?|look\s+up|quotes?\s+(?:about|on|for|with|saying)|any\s+quotes?\s+(?:about|on|saying)|did\s+anyone\s+say)\s*:?\s+(.+)$/is;

/** Words of thanks and acknowledgement; a message made only of these (and emoji) is no question. */
const ACK_ANCHORS = new Set(['thanks', 'thank', 'thx', 'thanx', 'ty', 'tysm', 'cheers', 'appreciated', 'ok', 'okay', 'kk', 'cool', 'perfect', 'awesome', 'great', 'brilliant', 'lovely', 'gotcha']);
const ACK_FILLERS = new Set(['you', 'u', 'so', 'very', 'much', 'a', 'lot', 'again', 'many', 'got', 'it', 'that', 's', 'all', 'factbot', 'bot', 'mate', 'folks', 'for', 'the', 'help', 'info', 'answer', 'this', 'nice', 'good', 'one', 'works']);
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u200d\ufe0f]/gu;

/**
 * "thanks", "ok thanks!", "thank you so much factbot", "👍": a reply to an answer, not a question.
 * In a DM or a thread every message reaches factbot; searching the corpus for "thanks" (or showing
 * the help for an emoji) answers nobody. Only whole messages of such words, at most eight, so
 * "thanks to the sanctions, prices fell" stays a search.
 */
function isAcknowledgement(msg: string): boolean {
  const words = msg.toLowerCase().replace(PICTOGRAPH, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return /\p{Extended_Pictographic}/u.test(msg);
  return words.length <= 8 && words.some((w) => ACK_ANCHORS.has(w)) && words.every((w) => ACK_ANCHORS.has(w) || ACK_FILLERS.has(w));
}

/** "hi", "hello there": what factbot can do, not a search for the greeting. */
const GREETING_ALONE = /^(?:hi|hiya|hello|hey|yo|howdy|good\s+(?:morning|afternoon|evening))(?:\s+(?:there|all|everyone|factbot))?[\s!.,]*$/i;

/** Routes one message. `defs` defaults to the shipped commands. */
export function routeMessage(
  text: string,
  defs: readonly { definition: CommandDefinition }[] = allCommands,
): Route {
  const bare = stripMentions(text ?? '');
  const msg = bare.startsWith('/') ? bare : withoutPoliteness(bare);
  if (!msg || HELP.test(msg) || GREETING_ALONE.test(bare)) return { type: 'help' };
  if (!msg.startsWith('/') && isAcknowledgement(msg)) return { type: 'thanks' };
  const helpFor = HELP_FOR.exec(msg);
  const helpName = helpFor?.[1]!.toLowerCase();
  // "help quote" is help for quote; "help nonexistent" is help for a command that does not exist,
  // which help answers as unknown, with the list of commands (not a search for "help nonexistent").
  if (helpName) return { type: 'command', command: 'factbot', subcommand: 'help', args: { command: helpName } };
  if (WHO_SAID_ALONE.test(msg)) return { type: 'command', command: 'whosaid', args: {} };

  // Slash-style: "/quote great intel", or a bare command name as the first word ("whosaid …").
  const slash = /^\/?([a-z][a-z0-9_-]*)(?:\s+([\s\S]*))?$/i.exec(msg);
  if (slash) {
    const word = slash[1]!.toLowerCase();
    const hasSlash = msg.startsWith('/');
    const def = defs.find((d) => d.definition.name === word)?.definition;
    // The umbrella: `/factbot quote great intel` is `/quote great intel` (as Slack runs it), and
    // `/factbot nonexistent` names an unknown command; `/factbot help …` is the help subcommand.
    if (hasSlash && word === UMBRELLA && slash[2]?.trim()) {
      const inner = slash[2].trim();
      const first = /^\/?([^\s/]+)/.exec(inner)?.[1]?.toLowerCase() ?? '';
      const isSub = def?.subcommands?.some((s) => s.name === first);
      if (isSub && inner.startsWith('/')) return routeMessage(`/${UMBRELLA} ${inner.slice(1)}`, defs);
      if (!isSub) {
        if (first !== UMBRELLA && defs.some((d) => d.definition.name === first)) {
          return routeMessage(`/${inner.replace(/^\//, '')}`, defs);
        }
        return { type: 'command', command: 'factbot', subcommand: 'help', args: { command: first } };
      }
    }
    if (def && (hasSlash || isBareCommandUse(word, slash[2]))) {
      const parsed = parseTextArgs(def, slash[2] ?? '');
      if (def.name === 'factbot' && !parsed.subcommand && !(slash[2] ?? '').trim()) return { type: 'help' };
      return {
        type: 'command',
        command: def.name,
        args: parsed.args,
        ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
        ...(parsed.errors.length ? { errors: parsed.errors } : {}),
      };
    }
    if (hasSlash && (word === 'help' || word === 'factbot')) return { type: 'help' };
    // "/nonexistent foo": a mistyped command, not words to search. Help names the problem.
    if (hasSlash && !def) return { type: 'command', command: 'factbot', subcommand: 'help', args: { command: word } };
  }

  if (CHECK_THREAD.test(msg)) return { type: 'check-thread' };

  let m = WHO_SAID.exec(msg);
  if (m) {
    const words = cleanPhrase(m[1]!).replace(/^that\s+(?=\S+\s)/i, '');
    if (/^(this|that|it)$/i.test(words)) return { type: 'check-thread' };
    return { type: 'command', command: 'whosaid', args: { words } };
  }

  m = WHO_IS.exec(msg);
  if (m) return { type: 'command', command: 'speaker', args: { name: cleanPhrase(m[1]!) } };

  m = WHAT_DID.exec(msg) ?? WHAT_NAME_SAID.exec(msg) ?? QUOTES_FROM.exec(msg);
  if (m) {
    const name = cleanPhrase(m[1]!);
    // "about the meeting" → "meeting": a leading article only adds noise to a fuzzy search.
    const query = m[2] ? cleanPhrase(m[2]).replace(/^(the|a|an|this|that)\s+/i, '') : '';
    if (name && !/^(anyone|anybody|someone|somebody|they|people|he|she|it)$/i.test(name)) {
      return { type: 'command', command: 'speaker', args: query ? { name, query } : { name } };
    }
    if (query) return { type: 'command', command: 'quote', args: { query } };
  }

  for (const re of SOURCES) {
    m = re.exec(msg);
    if (m) {
      const claim = cleanPhrase(m[1]!);
      if (/^(this|that|it)$/i.test(claim)) return { type: 'check-thread' };
      return { type: 'command', command: 'sources', args: { claim } };
    }
  }

  m = QUOTE_PREFIX.exec(msg);
  const query = cleanPhrase(m ? m[1]! : msg);
  if (!query) return { type: 'help' };
  return { type: 'command', command: 'quote', args: { query } };
}

/**
 * A bare command word ("sources Israel was the source") counts as the command, except where the
 * word opens an ordinary sentence ("sources say…", "quote of the day").
 */
function isBareCommandUse(word: string, rest: string | undefined): boolean {
  if (!rest) return word !== 'sources' && word !== 'quote';
  if (word === 'sources' && /^(for|of|on|about|that|say|said|says|claim|told|report)/i.test(rest)) return false;
  if (word === 'quote' && /^(from|by|of|about)\b/i.test(rest)) return false;
  return true;
}
