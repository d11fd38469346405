import { describe, expect, it } from 'vitest';
import type { Reply, ReplyItem } from '../src/domain/reply.js';
import { ButtonStateCodec } from '../src/platforms/slack/button-state.js';
import { cut, escapeMrkdwn, escapeUntrusted, fitRendered, safeUrl, sanitisePlain, slackTextToPlain } from '../src/platforms/slack/escape.js';
import {
  MAX_BLOCKS,
  MAX_BUTTON_VALUE,
  MAX_CONTEXT_TEXT,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
} from '../src/platforms/slack/limits.js';
import { renderReply, wordHighlights, type SlackBlock } from '../src/platforms/slack/render.js';
import { TtlCache } from '../src/platforms/slack/ttl-cache.js';

function item(i: number, quote: string, extra: Partial<ReplyItem> = {}): ReplyItem {
  return {
    statementId: `a${i}:0`,
    kind: 'direct',
    quote,
    highlights: [],
    text: quote,
    speaker: `Speaker ${i}`,
    speakerRole: null,
    outlet: 'AP',
    cue: 'said',
    article: { id: `a${i}`, title: `Article ${i}`, outlet: 'AP', url: `https://ap.example/${i}`, published: '2021-03-04T10:00:00Z' },
    corroboration: { articles: 1, outlets: ['AP'], firstOutlet: 'AP' },
    ...extra,
  };
}

function reply(items: ReplyItem[], extra: Partial<Reply> = {}): Reply {
  return { title: 'Quotes', notices: [], sections: [{ items }], visibility: 'private', ...extra };
}

/** Every limit Slack enforces on a message, checked block by block. */
function expectWithinLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(MAX_CONTEXT_TEXT);
    if (b.type === 'actions') for (const e of b.elements) expect(e.value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
  }
}

const texts = (blocks: SlackBlock[]) => JSON.stringify(blocks);

describe('renderReply: a speaker worked out from "she said" (QA 6b, R4)', () => {
  it('shows the sentence, saying how the article named the speaker', () => {
    const quote = 'She is entitled to her opinion';
    const inferred = item(1, quote, { speaker: 'Ruth Calder', speakerMention: 'she', text: `"${quote}," she said.` });
    expect(texts(renderReply(reply([inferred]), { share: false, more: false, ephemeral: true }).blocks)).toContain('_In context (named as “she”):_ \\"She is entitled');
    const named = item(1, quote, { speaker: 'Ruth Calder', speakerMention: 'Mayor Ruth Calder', text: `"${quote}," Mayor Ruth Calder said.` });
    expect(texts(renderReply(reply([named]), { share: false, more: false, ephemeral: true }).blocks)).not.toContain('In context');
  });
});

describe('renderReply: the same words given to someone else (QA 6b, C2)', () => {
  it('warns beside the corroboration, escaped', () => {
    const r = reply([
      item(1, 'We will not be bullied', {
        corroboration: { articles: 2, outlets: ['Harbour Post'], firstOutlet: null, otherSpeakers: [{ speaker: 'Jim <Hale>', articles: 1, outlets: ['Coastal Times'] }] },
      }),
    ]);
    const { blocks } = renderReply(r, { share: false, more: false, ephemeral: true });
    expect(texts(blocks)).toContain('reported in 2 articles · ⚠ also attributed to Jim &lt;Hale&gt; (Coastal Times)');
    expectWithinLimits(blocks);
  });
});

describe('renderReply', () => {
  it('shows quote, speaker with role, outlet, article link, corroboration and bold matches', () => {
    const r = reply([
      item(1, 'We have great intel on that', {
        highlights: [[8, 13], [14, 19]],
        speakerRole: 'President',
        outlet: 'Reuters',
        cue: 'told',
        corroboration: { articles: 4, outlets: ['AP', 'Reuters'], firstOutlet: 'AP' },
      }),
    ]);
    const { blocks, text } = renderReply(r, { share: true, more: true, ephemeral: true });
    const all = texts(blocks);
    expect(all).toContain('> “We have *great intel* on that”');
    expect(all).toContain('— *Speaker 1*, President · told Reuters');
    expect(all).toContain('<https://ap.example/1|Article 1> · AP · 2021-03-04 · reported in 4 articles (first: AP)');
    expect(text).toContain('We have great intel on that');
    expectWithinLimits(blocks);
  });

  it('fits 100 long results into Slack’s limits and says how many more there are', async () => {
    const long = 'Budget talks stalled again & again <for> hours '.repeat(90);
    const items = Array.from({ length: 100 }, (_, i) =>
      item(i + 1, long, { highlights: [[0, 6]], article: { id: `a${i}`, title: 'T'.repeat(400), outlet: 'AP', url: `https://ap.example/${'x'.repeat(300)}`, published: null } }),
    );
    const r = reply(items, {
      title: `Quotes matching “${'budget '.repeat(60)}”`,
      notices: ['Your query was cut to 500 characters.'],
      paging: { command: 'quote', args: { query: 'budget '.repeat(70) }, offset: 100, pageSize: 100, total: 250 },
    });
    const codec = new ButtonStateCodec();
    const { blocks } = renderReply(r, { share: true, more: true, ephemeral: true, codec, origin: { command: 'quote', args: { query: 'budget' } } });
    expectWithinLimits(blocks);
    const shown = blocks.filter((b) => b.type === 'section' && b.text.text.startsWith('>')).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(100);
    const all = texts(blocks);
    // 150 after this page's 100, plus the ones of this page that did not fit.
    expect(all).toContain(`${150 + (100 - shown)} more results`);
    expect(all).toContain('…');
    expect(all).toContain('factbot_more');
    expect(all).toContain('factbot_share');
    // More continues right after the last item shown, so nothing is skipped.
    const actions = blocks.find((b) => b.type === 'actions');
    const more = actions && actions.type === 'actions' ? actions.elements.find((e) => e.action_id === 'factbot_more') : undefined;
    expect((await codec.decode(more?.value))?.args.offset).toBe(shown);
  });

  it('keeps huge names, titles and URLs within the limits without breaking the link markup', () => {
    const huge = item(1, 'q & a '.repeat(800), {
      speaker: '&'.repeat(10_000),
      speakerRole: '<role>'.repeat(2000),
      outlet: 'O&'.repeat(5000),
      article: { id: 'x', title: '&<>'.repeat(5000), outlet: 'P&'.repeat(5000), url: `https://a.example/${'p'.repeat(5000)}`, published: '2020-01-01' },
      corroboration: { articles: 2, outlets: [], firstOutlet: 'F&'.repeat(5000) },
    });
    const { blocks } = renderReply(reply([huge, item(2, 'short', { article: { id: 'y', title: 'T&T', outlet: null, url: 'https://b.example/x', published: null } })]), {
      share: false,
      more: false,
      ephemeral: true,
    });
    expectWithinLimits(blocks);
    for (const b of blocks) {
      const text = b.type === 'section' ? b.text.text : b.type === 'context' ? b.elements[0]!.text : '';
      // Every `<` we emit opens a link we close; untrusted ones are all escaped.
      expect((text.match(/</g) ?? []).length).toBe((text.match(/>/g) ?? []).length - (text.match(/^> /gm) ?? []).length);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    const quote = blocks.find((b) => b.type === 'section' && b.text.text.startsWith('> '));
    expect(quote && quote.type === 'section' ? quote.text.text.length : 0).toBeGreaterThan(1500);
    expect(texts(blocks)).toContain('<https://b.example/x|T&amp;T>');
  });

  it('without paging, says how many results did not fit', () => {
    const items = Array.from({ length: 100 }, (_, i) => item(i, `quote ${i}`));
    const { blocks } = renderReply(reply(items), { share: false, more: true, ephemeral: true });
    expectWithinLimits(blocks);
    const shown = blocks.filter((b) => b.type === 'section').length;
    expect(texts(blocks)).toContain(`${100 - shown} more results not shown`);
  });

  it('cuts a long title cleanly with an ellipsis', () => {
    const { blocks } = renderReply(reply([], { title: 'word '.repeat(100) }), { share: false, more: false, ephemeral: true });
    const header = blocks[0]!;
    expect(header.type).toBe('header');
    if (header.type === 'header') {
      expect(header.text.text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
      expect(header.text.text.endsWith('word…')).toBe(true);
    }
  });

  it('splits long text lines over several sections', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i} ${'x'.repeat(200)}`);
    const { blocks } = renderReply({ title: 'Lines', notices: [], sections: [{ items: [], lines }], visibility: 'private' }, { share: false, more: false, ephemeral: true });
    expectWithinLimits(blocks);
    expect(blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(2);
    expect(texts(blocks)).toContain('line 39');
  });

  it('offers Share only on private answers with findings, and no buttons on errors', () => {
    const codec = new ButtonStateCodec();
    const origin = { command: 'quote', args: { query: 'x' } };
    const hasShare = (r: Reply, ephemeral: boolean) => texts(renderReply(r, { share: true, more: true, ephemeral, codec, origin }).blocks).includes('factbot_share');
    expect(hasShare(reply([item(1, 'q')]), true)).toBe(true);
    expect(hasShare(reply([item(1, 'q')]), false)).toBe(false);
    expect(hasShare(reply([]), true)).toBe(false);
    expect(hasShare({ ...reply([]), sections: [{ items: [], lines: ['/quote <words>'] }] }, true)).toBe(false);
    expect(hasShare({ ...reply([item(1, 'q')]), isError: true }, true)).toBe(false);
  });

  it('keeps button values within 2,000 characters however large the arguments', async () => {
    const codec = new ButtonStateCodec();
    const big = { command: 'sources', args: { claim: 'c'.repeat(5000) } };
    const { blocks } = renderReply(reply([item(1, 'q')]), { share: true, more: false, ephemeral: true, codec, origin: big });
    expectWithinLimits(blocks);
    const actions = blocks.find((b) => b.type === 'actions');
    const value = actions && actions.type === 'actions' ? actions.elements[0]!.value : '';
    expect((await codec.decode(value))?.args.claim).toBe('c'.repeat(5000));
  });

  it('an empty reply still renders a valid message', () => {
    const { blocks, text } = renderReply({ title: '', notices: [], sections: [], visibility: 'private' }, { share: true, more: true, ephemeral: true });
    expect(blocks.length).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
  });
});

describe('reported speech', () => {
  const ZWJ = '\u200D';
  const denial = (extra: Partial<ReplyItem> = {}) =>
    item(1, 'the closure was linked to a planned marina development', {
      kind: 'indirect',
      highlights: [[4, 11]],
      text: 'Officials denied that the closure was linked to a planned marina development.',
      speaker: 'Officials',
      outlet: null,
      cue: 'denied',
      ...extra,
    });
  const render = (items: ReplyItem[]) => renderReply(reply(items), { share: false, more: false, ephemeral: true });
  const sections = (blocks: SlackBlock[]) => blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
  const contexts = (blocks: SlackBlock[]) => blocks.flatMap((b) => (b.type === 'context' ? [b.elements.map((e) => e.text)] : []));

  it('shows the reporting verb and the sentence of an indirect item, so a denial does not read as an assertion', () => {
    const { blocks, text } = render([denial()]);
    expect(sections(blocks)[0]).toBe('> the *closure* was linked to a planned marina development\n— *Officials* (denied)');
    const [ctx] = contexts(blocks);
    expect(ctx).toEqual(['_In context:_ Officials denied that the closure was linked to a planned marina development.', '<https://ap.example/1|Article 1> · AP · 2021-03-04 · reported in 1 article']);
    // The notification says it too, and does not put reported words in quote marks.
    expect(text).toBe('Quotes: the closure was linked to a planned marina development — Officials (denied)');
    expectWithinLimits(blocks);
  });

  it('puts the verb next to the name, before the role, for mixed items too (once when it is "told" an outlet), without wrapping a partly quoted clause in quote marks (QA 5b R5)', () => {
    const mixed = {
      kind: 'mixed' as const,
      quote: 'the marina was "never on the table"',
      highlights: [],
      text: 'Okafor insisted that the marina was "never on the table".',
      speaker: 'Linda Okafor',
      speakerRole: 'harbour master',
      cue: 'insisted',
    };
    const told = { ...mixed, statementId: 'a2:0', text: 'Okafor told the Gazette that the marina was "never on the table".', outlet: 'The Gazette', cue: 'told' };
    const { blocks } = render([denial(mixed), denial(told)]);
    expect(sections(blocks)[0]).toBe('> the marina was "never on the table"\n— *Linda Okafor* (insisted), harbour master');
    expect(contexts(blocks)[0]![0]).toBe('_In context:_ Okafor insisted that the marina was "never on the table".');
    expect(sections(blocks)[1]).toBe('> the marina was "never on the table"\n— *Linda Okafor*, harbour master · told The Gazette');
    expect(contexts(blocks)[1]![0]).toBe('_In context:_ Okafor told the Gazette that the marina was "never on the table".');
  });

  it('leaves direct quotes as they were, and adds nothing when the sentence is just the words', () => {
    const direct = item(2, 'We had no choice', { text: '"We had no choice," Okafor denied.', speaker: 'Linda Okafor', outlet: null, cue: 'denied' });
    const bare = denial({ statementId: 'a3:0', text: 'The closure was linked to a planned marina development', cue: ':' });
    const { blocks, text } = render([direct, denial(), bare]);
    expect(sections(blocks)[0]).toBe('> “We had no choice”\n— *Linda Okafor*');
    expect(contexts(blocks)[0]).toEqual(['<https://ap.example/2|Article 2> · AP · 2021-03-04 · reported in 1 article']);
    expect(text).toBe('Quotes: “We had no choice” — Linda Okafor');
    // The indirect item between them does get its verb (so the rule is per item, not per reply).
    expect(sections(blocks)[1]).toContain('— *Officials* (denied)');
    // A colon is not a verb, and a sentence that is only the reported words adds nothing.
    expect(sections(blocks)[2]).toMatch(/— \*Officials\*$/);
    expect(contexts(blocks)[2]).toHaveLength(1);
  });

  it('escapes mentions, links and formatting in the sentence and the verb', () => {
    const { blocks } = render([
      denial({
        text: 'Officials <!channel> @here denied *everything* & _more_ at <https://evil.example|this> www.evil.example: the closure was linked to a planned marina development',
        cue: 'denied <@U123> *loudly*',
      }),
    ]);
    const ctx = contexts(blocks)[0]![0]!;
    expect(ctx.startsWith('_In context:_ Officials &lt;!channel&gt; @\u200Dhere denied ')).toBe(true);
    expect(ctx).toContain(`${ZWJ}*everything${ZWJ}* &amp; ${ZWJ}_more${ZWJ}_ at &lt;https:\u200B//evil.example|this&gt; www\u200B.evil.example`);
    const who = sections(blocks)[0]!.split('\n')[1]!;
    expect(who).toBe(`— *Officials* (denied &lt;@U123&gt; ${ZWJ}*loudly${ZWJ}*)`);
    for (const t of [ctx, who]) {
      expect(t).not.toMatch(/<[!@#]|<https?:/);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      // The only formatting marks not behind a joiner are factbot's own.
      expect(t.replace(new RegExp(`${ZWJ}[*_~\`]`, 'g'), '')).not.toMatch(/\b_more|\*everything|\*loudly/);
    }
  });

  it('cuts a long sentence with an ellipsis and keeps a full page of them within Slack’s limits', () => {
    const long = `Officials denied that ${'the closure & <its> causes were linked to a planned marina development '.repeat(80)}`;
    const items = Array.from({ length: 60 }, (_, i) => denial({ statementId: `a${i}:0`, text: long, speaker: `Officials ${'&'.repeat(300)}`, cue: `denied ${'x'.repeat(500)}` }));
    const { blocks } = render(items);
    expectWithinLimits(blocks);
    const ctx = contexts(blocks)[0]![0]!;
    expect(ctx.startsWith('_In context:_ Officials denied that the closure &amp; &lt;its&gt; causes')).toBe(true);
    expect(ctx.endsWith('…')).toBe(true);
    expect(ctx.length).toBeLessThanOrEqual(400);
    expect(sections(blocks)[0]!.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(sections(blocks)[0]).toMatch(/\(denied x+…\)$/);
  });
});

describe('highlights', () => {
  it('widen to whole words and merge neighbours', () => {
    expect(wordHighlights('great intelligence here', [[8, 12]])).toEqual([[6, 18]]);
    expect(wordHighlights('great intel', [[0, 5], [6, 11]])).toEqual([[0, 11]]);
    expect(wordHighlights('a b', [[-5, 1], [2, 99]])).toEqual([[0, 3]]);
    expect(wordHighlights('one two three', [[0, 3], [8, 13]])).toEqual([[0, 3], [8, 13]]);
    expect(wordHighlights('   ', [[0, 3]])).toEqual([]);
  });
});

describe('highlights in a quote with runs of white space (QA 7, F6)', () => {
  it('bold the matched words, not the letters their offsets reach once the spaces are collapsed', () => {
    const quote = '  We will\n    rebuild the  pier 🏗️ before\t\twinter';
    const at = (w: string): [number, number] => [quote.indexOf(w), quote.indexOf(w) + w.length];
    const m = renderReply(reply([item(1, quote, { highlights: [at('pier'), at('winter')] })]), { share: false, more: false, ephemeral: true });
    const quoteLine = (m.blocks[1] as { text: { text: string } }).text.text.split('\n')[0]!;
    expect(quoteLine).toBe('> “We will rebuild the *pier* 🏗️ before *winter*”');
    // No half of a surrogate pair anywhere.
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(JSON.stringify(m.blocks).replace(/\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/g, ''))).toBe(false);
  });
});

describe('an article line with long metadata and three other attributions (QA 7)', () => {
  it('stays within the limit of a context element (Slack refuses the whole message past 3,000)', () => {
    const long = (n: number, w: string) => w.repeat(Math.ceil(n / w.length)).slice(0, n);
    const other = (i: number) => ({ speaker: long(400, `Name${i} `), articles: 2, outlets: [long(400, 'Outlet '), long(400, 'Paper ')] });
    const it1 = item(1, 'We will rebuild the pier', {
      article: { id: 'a1', title: long(900, 'Title '), outlet: long(400, 'Gazette '), url: `https://news.example/${'a'.repeat(950)}`, published: '2024-01-01' },
      corroboration: { articles: 5, outlets: [], firstOutlet: long(400, 'First '), otherSpeakers: [other(1), other(2), other(3), other(4)] },
    });
    const m = renderReply(reply([it1]), { share: false, more: false, ephemeral: true });
    expectWithinLimits(m.blocks);
    const all = texts(m.blocks);
    expect(all).toContain('reported in 5 articles');
    expect(all).toContain('also attributed to Name1');
    expect(all).toContain('<https://news.example/');
  });
});

describe('bidirectional controls from articles (QA 7)', () => {
  it('are dropped, so a name, role or quote cannot reorder the attribution line as displayed', () => {
    const RLO = '\u202E';
    const m = renderReply(
      reply([item(1, `We will rebuild ${RLO}reip eht`, { speaker: `Tom Pike${RLO}`, speakerRole: `${RLO}tsoP notgnihsaW eht ot dlot`, outlet: `\u2067AP\u2069` })], { title: `Quotes ${RLO}x` }),
      { share: false, more: false, ephemeral: true },
    );
    expect(JSON.stringify(m)).not.toMatch(/\\u202[a-eA-E]|\\u206[6-9]|[\u202A-\u202E\u2066-\u2069]/);
    expect(JSON.stringify(m.blocks)).toContain('Tom Pike');
  });
});

describe('escaping', () => {
  it('escapes &, < and > and neutralises broadcasts and links', () => {
    const out = escapeMrkdwn('a & b <!channel> <@U123> @here @Everyone see http://x.example and www.y.example');
    expect(out).toContain('a &amp; b &lt;!channel&gt; &lt;@U123&gt;');
    expect(out).not.toMatch(/@(here|everyone)\b/i);
    expect(out).not.toContain('http://');
    expect(out).not.toContain('www.y');
  });

  it('plain text loses broadcasts and control characters but keeps its characters', () => {
    expect(sanitisePlain('Q&A <b> @channel\u0007')).toBe('Q&A <b> @\u200Dchannel');
  });

  it('only http(s) URLs become links, and they cannot break the link markup', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://a.example/x|y>z')).toBe('https://a.example/x%7Cy%3Ez');
  });

  it('sends & in article URLs as &amp; inside the link markup', () => {
    expect(safeUrl('https://news.example/story?id=7&page=2')).toBe('https://news.example/story?id=7&amp;page=2');
    const r = reply([item(1, 'q', { article: { id: 'a', title: 'Q&A', outlet: null, url: 'https://n.example/s?a=1&b=2', published: null } })]);
    const all = texts(renderReply(r, { share: false, more: false, ephemeral: true }).blocks);
    expect(all).toContain('<https://n.example/s?a=1&amp;b=2|Q&amp;A>');
    expect(all).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('shows formatting marks in article titles, names and quotes as written, also inside link labels', () => {
    const ZWJ = '\u200D';
    expect(escapeUntrusted('*bold* _it_ ~gone~ `code` snake_case & <x>')).toBe(
      `${ZWJ}*bold${ZWJ}* ${ZWJ}_it${ZWJ}_ ${ZWJ}~gone${ZWJ}~ ${ZWJ}\`code${ZWJ}\` snake${ZWJ}_case &amp; &lt;x&gt;`,
    );
    const r = reply([
      item(1, 'We _never_ said ~that~ at all', {
        highlights: [[3, 10]],
        speaker: '*Dr* No',
        speakerRole: '_acting_ chief',
        outlet: '~Times~',
        article: { id: 'a', title: '*Breaking* _news_ ~old~ `x`', outlet: '_Post_', url: 'https://n.example/1', published: null },
      }),
    ]);
    const blocks = renderReply(r, { share: false, more: false, ephemeral: true }).blocks;
    const all = blocks.map((b) => (b.type === 'section' ? b.text.text : b.type === 'context' ? b.elements[0]!.text : '')).join('\n');
    expect(all).toContain(`<https://n.example/1|${ZWJ}*Breaking${ZWJ}* ${ZWJ}_news${ZWJ}_ ${ZWJ}~old${ZWJ}~ ${ZWJ}\`x${ZWJ}\`>`);
    // The only formatting marks not preceded by a joiner are the ones factbot writes itself.
    const ours = all.replace(new RegExp(`${ZWJ}[*_~\`]`, 'g'), '');
    expect(ours).toContain('*');
    expect(ours).not.toMatch(/[~`]/);
    expect(ours).not.toMatch(/_(never|acting|Post)/);
    // The highlighted word keeps factbot's own bold around the neutralised marks.
    expect(all).toContain(`*${ZWJ}_never${ZWJ}_*`);
  });

  it('cuts at word boundaries and fits after escaping', () => {
    expect(cut('hello wonderful world', 18)).toBe('hello wonderful…');
    expect(cut('hello wonderful world', 12)).toBe('hello wonde…');
    expect(cut('short', 10)).toBe('short');
    const fitted = fitRendered('&'.repeat(100), 50, escapeMrkdwn);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted.endsWith('…')).toBe(true);
  });

  it('turns Slack markup in incoming text back into words', () => {
    expect(slackTextToPlain('<@UBOT> who said <https://a.example|this> &amp; <#C1|general>?', 'UBOT')).toBe('who said this & #general?');
    expect(slackTextToPlain('<!here> sources for <@U2> claim &lt;x&gt;')).toBe('sources for @U2 claim <x>');
  });
});

describe('button state', () => {
  it('round-trips and rejects tampered values', async () => {
    const codec = new ButtonStateCodec();
    const value = codec.encode({ command: 'quote', args: { query: 'x', offset: 5 }, ephemeral: true });
    expect(await codec.decode(value)).toEqual({ command: 'quote', subcommand: undefined, args: { query: 'x', offset: 5 }, ephemeral: true });
    expect(await codec.decode('{"c":"quote"}')).toBeNull();
    expect(await codec.decode('not json')).toBeNull();
    expect(await codec.decode('k:unknown-key')).toBeNull();
    expect(await codec.decode(undefined)).toBeNull();
  });

  it('a state too large for a button is read back by another codec on the same store (a restart)', async () => {
    const rows = new Map<string, unknown>();
    const shared = { save: async (k: string, v: unknown) => void rows.set(k, JSON.parse(JSON.stringify(v))), load: async (k: string) => rows.get(k) };
    const before = new ButtonStateCodec(shared);
    const state = { command: 'sources', args: { claim: 'c'.repeat(5000) }, ephemeral: true };
    const value = before.encode(state);
    expect(value.length).toBeLessThanOrEqual(2000);
    await before.flush();
    expect((await new ButtonStateCodec(shared).decode(value))?.args.claim).toBe('c'.repeat(5000));
    expect(await new ButtonStateCodec().decode(value)).toBeNull();
  });
});

describe('TtlCache', () => {
  it('remembers keys for the TTL only, and stays bounded', () => {
    let now = 0;
    const cache = new TtlCache<boolean>(1000, 3, () => now);
    expect(cache.firstSeen('a')).toBe(true);
    expect(cache.firstSeen('a')).toBe(false);
    now = 1001;
    expect(cache.firstSeen('a')).toBe(true);
    for (const k of ['b', 'c', 'd', 'e']) cache.set(k, true);
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.has('e')).toBe(true);
  });
});

describe('response_url hosts', () => {
  it('posts only to Slack’s hosts or the configured API host', async () => {
    const { ResponseUrlPoster } = await import('../src/platforms/slack/response-url.js');
    const poster = new ResponseUrlPoster('http://127.0.0.1:9999/api/');
    expect(poster.isAllowed('https://hooks.slack.com/commands/T1/2/abc')).toBe(true);
    expect(poster.isAllowed('https://hooks.slack-gov.com/commands/T1/2/abc')).toBe(true);
    expect(poster.isAllowed('http://127.0.0.1:9999/response/x')).toBe(true);
    expect(poster.isAllowed('http://hooks.slack.com/commands/x')).toBe(false);
    expect(poster.isAllowed('https://evil.example/hooks.slack.com')).toBe(false);
    expect(poster.isAllowed('https://notslack.com/x')).toBe(false);
    expect(poster.isAllowed('http://127.0.0.1:1/other-port')).toBe(false);
    await expect(poster.post('https://evil.example/x', { text: 'hi' })).rejects.toThrow(/not allowed/);
  });
});

/** Whether `cut` is `whole` up to a grapheme boundary (an emoji sequence, a letter with its accent, kept whole). */
function endsOnGrapheme(whole: string, cut: string): boolean {
  let at = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(whole)) {
    if (at.trimEnd() === cut) return true;
    at += segment;
  }
  return at === cut;
}

const LONG_MENTIONS = [
  // The cut lands inside a surrogate pair, inside a ZWJ sequence, between a letter and its accent.
  `the ${'x'.repeat(33)} 👩‍⚕️ spokesperson`,
  `the ${'x'.repeat(31)} 👩‍⚕️ spokesperson`,
  `the ${'x'.repeat(33)} e\u0301tudiant spokesperson`,
];

describe('renderReply: the “named as” label of a long mention is cut between graphemes (QA 7 nit)', () => {
  it.each(LONG_MENTIONS)('%s', (mention) => {
    const quote = 'She is entitled to her opinion';
    const inferred = item(1, quote, { speaker: 'Ruth Calder', speakerMention: mention, text: `"${quote}," ${mention} said.` });
    const json = texts(renderReply(reply([inferred]), { share: false, more: false, ephemeral: true }).blocks);
    const label = json.match(/_In context \(named as “[^”]*”\):_/)![0];
    const shown = label.match(/named as “([^”]*)…”/)![1]!;
    expect(shown.length).toBeGreaterThan(20);
    expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(endsOnGrapheme(mention, shown)).toBe(true);
  });
});
