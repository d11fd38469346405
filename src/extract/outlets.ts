/**
 * News outlets: canonical names, the short forms writers use for them, and how a short form resolves in
 * an article ("the Post" is The Washington Post once the article named it, the New York Post if that is
 * the Post it named).
 */

interface OutletDef {
  name: string;
  /** Full forms, matched case-insensitively with or without a leading "the". */
  forms: readonly string[];
  /** Short forms that stand for this outlet only once the article named it ("the Post", "the Times"). */
  short?: readonly string[];
  /** Short forms that are unambiguous even unnamed ("AP", "NYT"), matched case-sensitively. */
  acronyms?: readonly string[];
}

const OUTLETS: readonly OutletDef[] = [
  { name: 'The New York Times', forms: ['New York Times', 'NY Times', 'New York Times Magazine'], short: ['Times'], acronyms: ['NYT'] },
  { name: 'The Washington Post', forms: ['Washington Post'], short: ['Post'], acronyms: ['WaPo'] },
  { name: 'New York Post', forms: ['New York Post', 'NY Post'], short: ['Post'] },
  { name: 'The Wall Street Journal', forms: ['Wall Street Journal'], short: ['Journal'], acronyms: ['WSJ'] },
  { name: 'Associated Press', forms: ['Associated Press'], acronyms: ['AP'] },
  { name: 'Reuters', forms: ['Reuters'] },
  { name: 'Agence France-Presse', forms: ['Agence France-Presse', 'Agence France Presse'], acronyms: ['AFP'] },
  { name: 'BuzzFeed', forms: ['BuzzFeed News', 'BuzzFeed', 'Buzzfeed'] },
  { name: 'CNN', forms: ['CNN'] },
  { name: 'Fox News', forms: ['Fox News', 'Fox News Channel', 'Fox'] },
  { name: 'MSNBC', forms: ['MSNBC'] },
  { name: 'NBC News', forms: ['NBC News', 'NBC'] },
  { name: 'ABC News', forms: ['ABC News', 'ABC'] },
  { name: 'CBS News', forms: ['CBS News', 'CBS'] },
  { name: 'NPR', forms: ['NPR', 'National Public Radio'] },
  { name: 'BBC', forms: ['BBC', 'BBC News'] },
  { name: 'Bloomberg', forms: ['Bloomberg', 'Bloomberg News'] },
  { name: 'Politico', forms: ['Politico', 'POLITICO'] },
  { name: 'The Hill', forms: ['The Hill'] },
  { name: 'Axios', forms: ['Axios'] },
  { name: 'The Guardian', forms: ['Guardian'] },
  { name: 'The Independent', forms: ['Independent'] },
  { name: 'The Telegraph', forms: ['Daily Telegraph', 'Telegraph'] },
  { name: 'Daily Mail', forms: ['Daily Mail', 'Mail Online', 'MailOnline'] },
  { name: 'The Times of Israel', forms: ['Times of Israel'] },
  { name: 'Haaretz', forms: ['Haaretz'] },
  { name: 'USA Today', forms: ['USA Today', 'USA TODAY'] },
  { name: 'Los Angeles Times', forms: ['Los Angeles Times', 'LA Times', 'L.A. Times'] },
  { name: 'Chicago Tribune', forms: ['Chicago Tribune'] },
  { name: 'The Boston Globe', forms: ['Boston Globe'] },
  { name: 'The Atlantic', forms: ['The Atlantic'] },
  { name: 'The New Yorker', forms: ['New Yorker'] },
  { name: 'Time', forms: ['Time magazine'] },
  { name: 'Newsweek', forms: ['Newsweek'] },
  { name: 'The Economist', forms: ['Economist'] },
  { name: 'Financial Times', forms: ['Financial Times'], acronyms: ['FT'] },
  { name: 'Breitbart News', forms: ['Breitbart News', 'Breitbart'] },
  { name: 'The Daily Caller', forms: ['Daily Caller'] },
  { name: 'The Huffington Post', forms: ['Huffington Post', 'HuffPost'] },
  { name: 'Vox', forms: ['Vox'] },
  { name: 'Slate', forms: ['Slate'] },
  { name: 'Vice News', forms: ['Vice News'] },
  { name: 'Yahoo News', forms: ['Yahoo News'] },
  { name: 'RT', forms: ['Russia Today'], acronyms: ['RT'] },
  { name: 'TASS', forms: ['TASS', 'Tass'] },
  { name: 'Sky News', forms: ['Sky News'] },
  { name: 'Al Jazeera', forms: ['Al Jazeera'] },
  { name: 'Der Spiegel', forms: ['Der Spiegel', 'Spiegel'] },
  { name: 'Le Monde', forms: ['Le Monde'] },
  { name: 'Politifact', forms: ['PolitiFact', 'Politifact'] },
  { name: 'The Daily Beast', forms: ['Daily Beast'] },
  { name: 'Mother Jones', forms: ['Mother Jones'] },
  { name: 'National Review', forms: ['National Review'] },
  { name: 'The Intercept', forms: ['The Intercept'] },
  { name: 'ProPublica', forms: ['ProPublica'] },
  { name: 'CNBC', forms: ['CNBC'] },
  { name: 'C-SPAN', forms: ['C-SPAN'] },
];

/** Words that name an outlet generically: "the newspaper said" refers to the last outlet named. */
export const OUTLET_NOUNS = new Set(['newspaper', 'paper', 'daily', 'network', 'broadcaster', 'channel', 'magazine', 'outlet', 'agency', 'tabloid', 'website', 'site', 'publication', 'news', 'report']);

const FULL = new Map<string, OutletDef>();
const ACRONYM = new Map<string, OutletDef>();
for (const o of OUTLETS) {
  for (const f of o.forms) FULL.set(f.toLowerCase().replace(/^the /, ''), o);
  FULL.set(o.name.toLowerCase().replace(/^the /, ''), o);
  for (const a of o.acronyms ?? []) ACRONYM.set(a, o);
}
const SHORT_WORDS = new Set(OUTLETS.flatMap((o) => o.short ?? []).map((s) => s.toLowerCase()));
/** Every word of every outlet name, form, short form and acronym, lower case. */
const OUTLET_WORDS = new Set(
  OUTLETS.flatMap((o) => [o.name, ...o.forms, ...(o.short ?? []), ...(o.acronyms ?? [])])
    .flatMap((f) => f.toLowerCase().split(/\s+/))
    .filter((w) => w !== 'the'),
);

/** The longest number of words in a full outlet form: bounds the phrase search. */
const MAX_WORDS = Math.max(...[...FULL.keys()].map((k) => k.split(' ').length));

export interface OutletMatch {
  name: string;
  /** Offsets of the matched words in the searched text. */
  start: number;
  end: number;
}

/**
 * The canonical outlet a noun phrase names, or null. `named` are the canonical outlets the article named so
 * far, most recent last: short forms ("the Post") resolve against them first.
 */
/**
 * Answers for phrases asked without an article's outlet list (every capitalised run of every sentence,
 * from registerNames): then the answer depends on the phrase alone, and the same names recur. Bounded.
 */
const PHRASE_OUTLETS = new Map<string, string | null>();
const PHRASE_OUTLETS_MAX = 20_000;

/**
 * The outlet of the article being extracted, when the list does not know it: its own name and its short
 * form with the article ("the Star" in the Wellsborough Star, "the Mercury") are outlets in that article
 * only. Set around one article's extraction (extraction is synchronous, so no other article sees it).
 */
let own: { name: string; full: string; short: string | null } | null = null;

export function withOwnOutlet<T>(outlet: string | null, run: () => T): T {
  const prev = own;
  own = null;
  const name = outlet?.trim() ?? '';
  if (name && !FULL.has(name.toLowerCase().replace(/^the /, '')) && /^\p{Lu}/u.test(name.replace(/^the\s+/i, ''))) {
    const words = name.replace(/^the\s+/i, '').split(/\s+/);
    const last = words[words.length - 1]!;
    own = { name, full: words.join(' ').toLowerCase(), short: words.length >= 2 && /^\p{Lu}\p{Ll}{2,}$/u.test(last) ? `the ${last.toLowerCase()}` : null };
  }
  try {
    return run();
  } finally {
    own = prev;
  }
}

function ownOutlet(phrase: string): string | null {
  if (!own) return null;
  const p = phrase.trim().replace(/[’']s$/, '').replace(/[.,;:]+$/, '');
  const lower = p.toLowerCase();
  if (lower.replace(/^the\s+/, '') === own.full && /^\p{Lu}/u.test(p.replace(/^the\s+/i, ''))) return own.name;
  // ("the Star": with its article and capitalised; "Star" alone may be anything)
  if (own.short && lower === own.short && /^[Tt]he\s+\p{Lu}/u.test(p)) return own.name;
  return null;
}

export function outletFromPhrase(phrase: string, named: readonly string[] = []): string | null {
  const mine = ownOutlet(phrase);
  if (mine) return mine;
  if (named.length > 0) return outletFromPhraseUncached(phrase, named);
  const hit = PHRASE_OUTLETS.get(phrase);
  if (hit !== undefined) return hit;
  const o = outletFromPhraseUncached(phrase, named);
  if (PHRASE_OUTLETS.size >= PHRASE_OUTLETS_MAX) PHRASE_OUTLETS.clear();
  PHRASE_OUTLETS.set(phrase, o);
  return o;
}

/** A station or wire service by the shape of its name: "Harbour Radio", "Skerry FM", "Polar Wire". */
const BROADCAST = /^(?:the\s+)?((?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:Radio|TV|Television|FM|Wire))$/u;

function outletFromPhraseUncached(phrase: string, named: readonly string[]): string | null {
  const station = BROADCAST.exec(phrase.trim().replace(/[’']s$/, '').replace(/[.,;:]+$/, ''));
  if (station && !station[1]!.split(/\s+/).slice(0, -1).some((w) => NOT_IN_MASTHEAD.test(w.replace(/\.$/, '')))) {
    const known = FULL.get(station[1]!.toLowerCase());
    return known ? known.name : station[1]!;
  }
  // most phrases name no outlet: a word check is cheaper than the n-gram search below
  if (!phrase.split(/[\s’']+/).some((w) => OUTLET_WORDS.has(w.toLowerCase().replace(/[.,;:]+$/, '')) || MASTHEAD_WORD_SET.has(w.replace(/[.,;:]+$/, '')))) return null;
  let p = phrase.trim().replace(/[’']s$/, '').replace(/[.,;:]+$/, '');
  const acr = ACRONYM.get(p.replace(/^the /i, ''));
  if (acr) return acr.name;
  p = p.replace(/^(the|a|an)\s+/i, '');
  const lower = p.toLowerCase();
  const full = FULL.get(lower);
  if (full) return full.name;
  const masthead = mastheadOutlet(phrase, named);
  if (masthead) return masthead;
  // "a new The Washington Post report", "the New York Times website": the outlet inside a longer phrase
  const words = lower.split(/\s+/);
  for (let n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const sub = words.slice(i, i + n).join(' ').replace(/^the /, '');
      const o = FULL.get(sub);
      if (o && (n > 1 || isCapitalised(p.split(/\s+/)[i]))) return o.name;
    }
  }
  if (words.length === 1 && SHORT_WORDS.has(lower) && isCapitalised(p)) {
    for (let i = named.length - 1; i >= 0; i--) {
      const def = OUTLETS.find((o) => o.name === named[i]);
      if (def?.short?.some((s) => s.toLowerCase() === lower)) return def.name;
      // an outlet not in the list, named in the article or as its publisher: "the Times" is The Test Times
      if (!def && MASTHEAD.test(named[i]!) && named[i]!.toLowerCase().endsWith(' ' + lower)) return named[i]!;
    }
    // unnamed "the Post"/"the Times"/"the Journal": the best-known outlet of that name
    return OUTLETS.find((o) => o.short?.some((s) => s.toLowerCase() === lower))?.name ?? null;
  }
  return null;
}

/** The last word of a newspaper's name: "the Test Times", "the Denver Post", "the Leeds Gazette". */
const MASTHEAD_WORDS = 'Times|Post|Journal|Herald|Tribune|Gazette|Globe|Chronicle|Courier|Examiner|Inquirer|Dispatch|Sentinel|Bulletin|Telegraph|Observer|Star-Tribune|Star-Ledger|Picayune|Star|Mercury|Echo|Advertiser|Mirror|Record|Standard|Register|Argus|Clarion|Enquirer|Gleaner|Ledger|Recorder';
const MASTHEAD_WORD_SET = new Set(MASTHEAD_WORDS.split('|'));
const MASTHEAD = new RegExp(`^(?:The\\s+)?(?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,3}(?:${MASTHEAD_WORDS})$`, 'u');
const MASTHEAD_IN_TEXT = new RegExp(`\\b[Tt]he\\s+((?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,3}(?:${MASTHEAD_WORDS}))\\b`, 'gu');
const NOT_IN_MASTHEAD = /^(the|a|an|this|that|his|her|their|our|its|in|on|at|of|and|mr|mrs|ms|dr)$/i;

/**
 * A newspaper-shaped name not in the list, written with its article ("the Test Times", "The Leeds
 * Gazette"): "The Test Times", or the form the article named it by (its publisher, for one).
 */
function mastheadOutlet(phrase: string, named: readonly string[]): string | null {
  const p = phrase.trim().replace(/[’']s$/, '').replace(/[.,;:]+$/, '');
  // "the Gazette", "the Herald": a masthead word alone, with its article, is the newspaper of that name the
  // article named ("The Leeds Gazette"), else one by that name ("seen by the Gazette" names an outlet; the
  // article is the guard, as "Gazette" alone may be part of anything). "the Post"/"the Times" resolve below.
  const single = /^the\s+(\S+)$/i.exec(p);
  if (single && MASTHEAD_WORD_SET.has(single[1]!) && !SHORT_WORDS.has(single[1]!.toLowerCase())) {
    const word = single[1]!.toLowerCase();
    return named.find((n) => n.toLowerCase().endsWith(` ${word}`) && MASTHEAD.test(n)) ?? `The ${single[1]!}`;
  }
  if (!/^the\s/i.test(p) || !MASTHEAD.test(p.replace(/^the\s+/i, 'The '))) return null;
  const words = p.split(/\s+/).slice(1);
  if (words.length < 2 || words.slice(0, -1).some((w) => NOT_IN_MASTHEAD.test(w.replace(/\.$/, '')))) return null;
  const canonical = `The ${words.join(' ')}`;
  const key = canonical.toLowerCase();
  return named.find((n) => n.toLowerCase().replace(/^(the\s+)?/, 'the ') === key) ?? canonical;
}

function isCapitalised(w: string | undefined): boolean {
  return w !== undefined && /^\p{Lu}/u.test(w);
}

const FORM_PATTERN = new RegExp(
  '\\b(?:[Tt]he\\s+)?(' +
    [...new Set(OUTLETS.flatMap((o) => [...o.forms, o.name.replace(/^The /, ''), ...(o.acronyms ?? [])]))]
      .sort((a, b) => b.length - a.length)
      .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|') +
    ')\\b',
  'g',
);

/** Every outlet named in full (or by an unambiguous acronym) in `text`, in order. */
export function findOutletMentions(text: string): OutletMatch[] {
  const out: OutletMatch[] = [];
  for (const m of text.matchAll(FORM_PATTERN)) {
    const name = outletFromPhrase(m[1]!);
    if (!name) continue;
    // "Fox", "ABC" and "Time" alone are too often something else; keep them only in outlet-like company
    if (/^(Fox|Time|ABC|NBC|CBS|Independent|Guardian|Telegraph|Journal|Slate|Vox|Economist)$/.test(m[1]!)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (!/^\s*(News|reported|reports|said|says|'s|’s)/.test(after) && !/\b(told|to|by|on|the)\s*$/i.test(before)) continue;
    }
    out.push({ name, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(MASTHEAD_IN_TEXT)) {
    const name = outletFromPhrase(m[0]);
    if (name && !out.some((o) => o.start <= m.index && m.index < o.end)) out.push({ name, start: m.index, end: m.index + m[0].length });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
