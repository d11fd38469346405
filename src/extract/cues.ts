/**
 * Reporting cues: the verbs and phrases that introduce someone's words.
 *
 * Speech and writing verbs attribute words to a speaker; belief verbs ("think", "believe", "fear") report
 * a state of mind, not words, so they are kept apart and never make a statement a quote.
 */

/** Base forms of speech and writing verbs, with irregular inflections where English has them. */
const SPEECH_BASES: ReadonlyArray<string | readonly [string, ...string[]]> = [
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['write', 'writes', 'wrote', 'writing', 'written'],
  ['speak', 'speaks', 'spoke', 'speaking'],
  ['sing', 'sings', 'sang', 'singing'],
  ['shoot', 'shot'],
  ['fire', 'fired'],
  ['hit', 'hits'],
  ['read', 'reads', 'reading'],
  ['go', 'goes', 'went', 'going'],
  ['tweet', 'tweets', 'tweeted', 'tweeting'],
  'add', 'argue', 'warn', 'note', 'claim', 'insist', 'deny', 'explain', 'acknowledge', 'admit', 'announce',
  'assert', 'declare', 'state', 'suggest', 'report', 'reply', 'respond', 'answer', 'ask', 'complain',
  'concede', 'confirm', 'contend', 'continue', 'counter', 'emphasize', 'emphasise', 'stress', 'maintain',
  'predict', 'promise', 'vow', 'pledge', 'recall', 'reveal', 'disclose', 'reiterate', 'repeat', 'remark',
  'observe', 'point', 'propose', 'urge', 'caution', 'boast', 'joke', 'quip', 'lament', 'allege', 'charge',
  'accuse', 'blame', 'criticize', 'criticise', 'praise', 'call', 'cite', 'describe', 'mention', 'testify',
  'post', 'conclude', 'demand', 'dismiss', 'reject', 'shout', 'chant', 'echo', 'indicate', 'signal',
  'agree', 'disagree', 'object', 'protest', 'question', 'assure', 'remind', 'inform', 'mock', 'blast',
  'slam', 'defend', 'hint', 'recount', 'exclaim', 'whisper', 'yell', 'scream', 'muse', 'grumble',
  'concur', 'interject', 'retort', 'rebut', 'clarify', 'elaborate', 'acknowledge', 'proclaim', 'brag',
  'snap', 'sniff', 'scoff', 'pronounce', 'affirm', 'attest', 'advise', 'announce', 'reason', 'underscore',
  // manner of speaking: a cue only right after the words it reports ("“…,” Toomey fumed", "“…!” beamed Hartley")
  'react', 'remember', 'press', 'exhort', 'fume', 'beam', 'laugh', 'chuckle', 'sigh', 'smile', 'cheer', 'moan', 'groan', 'sneer', 'chide', 'scold', 'tease', 'snarl', 'hiss', 'murmur', 'mutter', 'stammer', 'sputter', 'blurt', 'seethe', 'huff', 'gasp', 'wail', 'sob', 'roar', 'deadpan', 'interrupt', 'gripe', 'crow', 'cry', 'gloat', 'confide',
  'express',
  'highlight', 'stipulate', 'bark', 'growl', 'bellow', 'thunder', 'plead', 'beg', 'vent', 'rail', 'reassure', 'reaffirm', 'reassert', 'comment', 'reply', 'rant', 'holler', 'marvel', 'gush', 'concede', 'volunteer', 'opine', 'wonder aloud', 'tout', 'quote', 'recommend', 'forecast', 'estimate', 'calculate',
];

/** Verbs that double their last consonant: short ones (quip → quipped) and those stressed at the end (admit → admitted). */
const DOUBLING = new Set(['admit', 'omit', 'permit', 'submit', 'commit', 'regret', 'refer', 'prefer', 'confer', 'concur', 'occur', 'deter', 'rebut', 'abet', 'equip', 'quip', 'snap', 'chat', 'plan', 'stop', 'jot']);

function inflect(base: string): string[] {
  const forms = new Set<string>([base]);
  if (DOUBLING.has(base)) {
    const d = base + base.slice(-1);
    return [base, base + 's', d + 'ed', d + 'ing'];
  }
  const y = /[^aeiou]y$/.test(base);
  const e = base.endsWith('e');
  forms.add(y ? base.slice(0, -1) + 'ies' : /(s|sh|ch|x|z|o)$/.test(base) ? base + 'es' : base + 's');
  forms.add(y ? base.slice(0, -1) + 'ied' : e ? base + 'd' : /[^aeiou][aeiou][pt]$/.test(base) && base.length <= 4 ? base + base.slice(-1) + 'ed' : base + 'ed');
  forms.add(e && !base.endsWith('ee') ? base.slice(0, -1) + 'ing' : /[^aeiou][aeiou][pt]$/.test(base) && base.length <= 4 ? base + base.slice(-1) + 'ing' : base + 'ing');
  return [...forms];
}

const SPEECH = new Map<string, string>();
for (const entry of SPEECH_BASES) {
  if (typeof entry === 'string') for (const f of inflect(entry)) SPEECH.set(f, entry);
  else for (const f of entry) SPEECH.set(f, entry[0]);
}

// Written messages, in the past tense only: `"…," Calder emailed.` gave the quote to the speaker before.
// ("email", "emails", "text", "message" are nouns far more often: "her private email system", "DNC emails".)
for (const [form, lemma] of [['emailed', 'email'], ['e-mailed', 'email'], ['texted', 'text'], ['messaged', 'message']] as const) SPEECH.set(form, lemma);

/** Verbs that need a particle or complement to be speech ("point out", "call for"): alone they are not cues. */
const NEEDS_PARTICLE: ReadonlyMap<string, readonly string[]> = new Map([
  ['point', ['out']],
  ['shoot', ['back']],
  ['fire', ['back']],
  ['hit', ['back']],
  ['read', []],
  ['continue', []],
  ['call', ['for', 'on', 'it', 'him', 'her', 'them', 'the', 'a', 'an', 'this', 'that']],
  ['question', ['whether', 'why', 'how', 'the', 'if']],
  ['post', ['on', 'to']],
  ['object', ['to', 'that']],
  ['state', ['that']],
  ['charge', ['that']],
  ['reason', ['that']],
  ['counter', ['that']],
  ['quote', ['as']],
  ['answer', ['that']],
  ['signal', ['that']],
  ['go', []],
  // ("expressed concern that …": only with a noun of stance and a clause, see attribution.ts)
  ['express', []],
  // (what one emails or texts is more often a document than words: "emailed a link to the video", "a letter
  // emailed to Politico"; only right after the words: `"…," Calder emailed.`)
  ['email', []],
  ['text', []],
  ['message', []],
  ...['react', 'remember', 'press', 'exhort', 'fume', 'beam', 'laugh', 'chuckle', 'sigh', 'smile', 'cheer', 'moan', 'groan', 'sneer', 'chide', 'scold', 'tease', 'snarl', 'hiss', 'murmur', 'mutter', 'stammer', 'sputter', 'blurt', 'seethe', 'huff', 'gasp', 'wail', 'sob', 'roar', 'deadpan', 'interrupt', 'gripe', 'crow', 'cry', 'gloat', 'confide'].map((v): [string, readonly string[]] => [v, []]),
]);

/** Verbs that are weak cues: they report words only with a clause, a quote or a colon after them. */
const WEAK = new Set(['continue', 'describe', 'mention', 'dismiss', 'reject', 'defend', 'blast', 'slam', 'mock', 'praise', 'criticize', 'criticise', 'blame', 'estimate', 'calculate', 'forecast', 'recommend', 'highlight', 'underscore', 'tout', 'reveal', 'disclose', 'signal', 'indicate', 'speak', 'cite', 'demand', 'propose', 'question', 'answer', 'counter', 'reason', 'repeat', 'echo', 'quote']);

/** Belief and perception verbs: reported thoughts, not words. */
const BELIEF = new Set(
  ['think', 'believe', 'feel', 'hope', 'fear', 'worry', 'expect', 'doubt', 'suspect', 'know', 'wonder', 'assume', 'guess', 'imagine', 'suppose', 'reckon', 'understand', 'realize', 'realise', 'want', 'wish'].flatMap(inflect),
);

export interface CueVerb {
  lemma: string;
  weak: boolean;
}

/** The speech verb a word is a form of, or null ("said" → say). Case-insensitive. */
export function speechVerb(word: string): CueVerb | null {
  // called for most tokens of every sentence, usually with a token's lower-case form already: look the word
  // up as given first (the table's keys are all lower case) and lower-case it only when it differs
  let lemma = SPEECH.get(word);
  if (lemma === undefined) {
    const w = word.toLowerCase();
    if (w === word) return null;
    lemma = SPEECH.get(w);
    if (lemma === undefined) return null;
  }
  return { lemma, weak: WEAK.has(lemma) };
}

/** Whether a verb needs a particle (point → "point out") and which ones qualify it; empty list: never a cue alone. */
export function requiredParticles(lemma: string): readonly string[] | undefined {
  return NEEDS_PARTICLE.get(lemma);
}

export function isBeliefVerb(word: string): boolean {
  return BELIEF.has(word.toLowerCase());
}

/** Participles of speech verbs used as nouns or adjectives more often than as cues in front of a quote. */
export function isParticipleForm(word: string): boolean {
  return /ing$/.test(word.toLowerCase());
}
