import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { ArticleRef } from '../src/domain/article.js';
import type { Reply, ReplyItem } from '../src/domain/reply.js';
import {
  MAX_CONTENT,
  MAX_EMBED_DESCRIPTION,
  MAX_EMBED_TITLE,
  MAX_EMBED_TOTAL,
  MAX_EMBEDS,
  MAX_FIELD_NAME,
  MAX_FIELD_VALUE,
  MAX_FOOTER_TEXT,
} from '../src/platforms/discord/limits.js';
import { escapeMarkdown, plainText, richText } from '../src/platforms/discord/markdown.js';
import { renderReply } from '../src/platforms/discord/render.js';

const article: ArticleRef = { id: 'a1', title: 'McMaster disputes report', outlet: 'The Washington Post', url: 'https://news.example/a1', published: '2017-05-15T20:00:00Z' };

function item(over: Partial<ReplyItem> = {}): ReplyItem {
  return {
    statementId: 'a1:0',
    kind: 'direct',
    quote: 'The story that came out tonight as reported is false',
    highlights: [[4, 9]],
    text: 'McMaster said: "The story that came out tonight as reported is false."',
    speaker: 'H.R. McMaster',
    speakerRole: 'National Security Adviser',
    outlet: 'The Washington Post',
    cue: 'told',
    article,
    corroboration: { articles: 3, outlets: ['The Washington Post', 'AP', 'Reuters'], firstOutlet: 'The Washington Post' },
    ...over,
  };
}

function reply(items: ReplyItem[], over: Partial<Reply> = {}): Reply {
  return { title: 'Quotes matching “story”', notices: [], sections: [{ items }], visibility: 'private', ...over };
}

function embedChars(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}

function withinLimits(m: { content: string; embeds: APIEmbed[] }): void {
  expect(m.content.length).toBeLessThanOrEqual(MAX_CONTENT);
  expect(m.embeds.length).toBeLessThanOrEqual(MAX_EMBEDS);
  expect(embedChars(m.embeds)).toBeLessThanOrEqual(MAX_EMBED_TOTAL);
  for (const e of m.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_TITLE);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(MAX_FOOTER_TEXT);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(MAX_FIELD_NAME);
      expect(f.value.length).toBeLessThanOrEqual(MAX_FIELD_VALUE);
      expect(f.value.trim().length).toBeGreaterThan(0);
    }
    // Bold markers are never left open by a cut.
    expect(((e.description ?? '').match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
  }
}

describe('renderReply', () => {
  it('shows the quote with matched words in bold, speaker and role, outlet, article link and corroboration', () => {
    const m = renderReply(reply([item()]));
    expect(m.content).toBe('**Quotes matching “story”**');
    const e = m.embeds[0]!;
    expect(e.description).toBe('“The **story** that came out tonight as reported is false”\n— **H.R. McMaster**, National Security Adviser · told The Washington Post');
    expect(e.title).toBe('McMaster disputes report');
    expect(e.url).toBe('https://news.example/a1');
    expect(e.footer?.text).toBe('Direct quote · Reported in 3 articles, first by The Washington Post · The Washington Post');
    expect(e.timestamp).toBe('2017-05-15T20:00:00.000Z');
  });

  it('shows the sentence when the speaker was worked out from "the engineer" (QA 6b, R4)', () => {
    const e = renderReply(reply([item({ speakerMention: 'the engineer', text: '"The story is false," the engineer said.' })])).embeds[0]!;
    expect(e.fields?.[0]?.name).toBe('In context (named as “the engineer”)');
    expect(e.fields?.[0]?.value).toContain('the engineer said');
  });

  it('warns in the footer when the same words are attributed to someone else (QA 6b, C2)', () => {
    const e = renderReply(
      reply([item({ corroboration: { articles: 1, outlets: [], firstOutlet: null, otherSpeakers: [{ speaker: 'Jim Hale', articles: 2, outlets: [] }] } })]),
    ).embeds[0]!;
    expect(e.footer?.text).toBe('Direct quote · Reported in 1 article · ⚠ also attributed to Jim Hale (2 articles) · The Washington Post');
  });

  it('says "Reported in 1 article", "unattributed" and leaves out what is unknown', () => {
    const e = renderReply(
      reply([item({ kind: 'statement', speaker: null, speakerRole: null, outlet: null, cue: null, highlights: [], corroboration: { articles: 1, outlets: [], firstOutlet: null }, article: { ...article, url: 'javascript:alert(1)', published: null } })]),
    ).embeds[0]!;
    expect(e.footer?.text).toBe('Statement · Reported in 1 article · The Washington Post');
    expect(e.description).toBe('The story that came out tonight as reported is false\n— unattributed');
    expect(e.url).toBeUndefined();
    expect(e.timestamp).toBeUndefined();
  });

  it('cuts a huge quote cleanly inside 4,096 characters, keeping bold balanced', () => {
    const words = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? 'intel' : `word${i}`)).join(' ');
    const highlights: Array<[number, number]> = [];
    for (let i = words.indexOf('intel'); i >= 0; i = words.indexOf('intel', i + 1)) highlights.push([i, i + 5]);
    const m = renderReply(reply([item({ quote: words, highlights })]));
    withinLimits(m);
    expect(m.embeds[0]!.description).toMatch(/…”\n— \*\*H\.R\. McMaster\*\*/);
  });

  it('keeps ten embeds at most and says how many results were left out', () => {
    const items = Array.from({ length: 14 }, (_, i) => item({ statementId: `a:${i}` }));
    const m = renderReply(reply(items));
    withinLimits(m);
    expect(m.embeds).toHaveLength(10);
    expect(m.content).toContain('4 more results not shown');
  });

  it('keeps all embeds together inside 6,000 characters', () => {
    const long = 'x'.repeat(5000);
    const items = Array.from({ length: 10 }, (_, i) => item({ statementId: `a:${i}`, quote: long, highlights: [[0, 10]], article: { ...article, title: 'T'.repeat(400) }, speakerRole: 'R'.repeat(300) }));
    const m = renderReply(reply(items));
    withinLimits(m);
    expect(m.embeds).toHaveLength(10);
    expect(embedChars(m.embeds)).toBeGreaterThan(4000);
  });

  it('fits long footers (outlets, other attributions) into each embed’s share, so no result is dropped unsaid (QA 7, F4)', () => {
    const outlet = 'The Very Long Name of a Regional Newspaper Group and Its Many Affiliated Titles '.repeat(12);
    const other = (n: number) => ({ speaker: `A senior administration official who spoke on condition of anonymity number ${n}`, articles: 2, outlets: [outlet, outlet] });
    const items = Array.from({ length: 10 }, (_, i) =>
      item({
        statementId: `a:${i}`,
        article: { ...article, outlet },
        corroboration: { articles: 4, outlets: [outlet], firstOutlet: outlet, otherSpeakers: [other(1), other(2), other(3)] },
      }),
    );
    const m = renderReply(reply(items));
    withinLimits(m);
    const shown = m.embeds.filter((e) => e.footer).length;
    // Every result is shown, or the content says how many were not.
    if (shown < 10) expect(m.content).toContain(`${10 - shown} more result`);
    expect(shown).toBe(10);
    for (const e of m.embeds) expect(e.description).toContain('came out tonight');
  });

  it('drops bidirectional controls from articles, so nothing reorders an attribution as displayed (QA 7)', () => {
    const RLO = '\u202E';
    const m = renderReply(
      reply([item({ quote: `We will rebuild ${RLO}reip eht`, speaker: `Tom Pike${RLO}`, speakerRole: `${RLO}tsoP notgnihsaW`, article: { ...article, title: `Pier ${RLO}news`, outlet: `\u2067AP\u2069` } })], { title: `Quotes ${RLO}x` }),
    );
    expect(JSON.stringify(m)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(m.embeds[0]!.description).toContain('Tom Pike');
  });

  it('keeps the content inside 2,000 characters, moving long text into an embed', () => {
    const m = renderReply(reply([item()], { text: 'long explanation '.repeat(200), notices: Array.from({ length: 40 }, (_, i) => `notice ${i} ${'n'.repeat(60)}`) }));
    withinLimits(m);
    expect(m.content.startsWith('**Quotes matching “story”**')).toBe(true);
    expect(m.embeds[0]!.description).toContain('long explanation');
  });

  it('renders lines and article lists, cutting whole lines with "…and N more"', () => {
    const articles = Array.from({ length: 200 }, (_, i) => ({ ...article, id: `a${i}`, title: `Article number ${i} (with parens)`, url: `https://news.example/a_(${i})` }));
    const m = renderReply({ title: 'Digest', notices: [], sections: [{ heading: 'New articles', items: [], articles }], visibility: 'public' });
    withinLimits(m);
    const d = m.embeds[0]!.description!;
    expect(m.embeds[0]!.title).toBe('New articles');
    expect(d.split('\n')[0]).toBe('• [Article number 0 (with parens)](https://news.example/a_%280%29) — The Washington Post, 2017-05-15');
    expect(d).toMatch(/…and \d+ more$/);
  });

  it('marks errors and puts a section heading over its first item', () => {
    const m = renderReply({ ...reply([item()]), isError: true, sections: [{ heading: 'Best match', items: [item()] }] });
    expect(m.content.startsWith('⚠️ ')).toBe(true);
    expect(m.embeds[0]!.author?.name).toBe('Best match');
  });

  it('neutralises mentions and markdown coming from articles everywhere it shows them', () => {
    const evil = '@everyone @here <@123456789012345678> <@!123> <@&223456789012345678> **b** __u__ ~~s~~ `c` ||spoiler|| [x](https://evil.example) # Heading';
    const m = renderReply({
      title: `Title ${evil}`,
      text: `> quoted\n- item\n${evil}`,
      notices: [evil],
      sections: [{ heading: evil, items: [item({ quote: evil, highlights: [[0, 9]], speaker: evil, article: { ...article, title: evil, outlet: '@everyone News' } })], lines: [evil] }],
      visibility: 'public',
    });
    const all = [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.author?.name ?? '', e.footer?.text ?? ''])].join('\n');
    expect(all).not.toMatch(/@(everyone|here)/);
    expect(all).not.toMatch(/(^|[^\\])<@[!&]?\d+>/);
    expect(all).not.toMatch(/(^|[^\\])\[x\]\(/);
    expect(all).not.toMatch(/(^|[^\\])\|\|spoiler/);
    expect(m.content).toContain('\\> quoted\n\\- item');
    expect(m.embeds[1]!.description).toContain('**@\u200beveryone**');
  });
});

describe('reported speech', () => {
  const denial = (over: Partial<ReplyItem> = {}) =>
    item({
      kind: 'indirect',
      quote: 'the closure was linked to a planned marina development',
      highlights: [[4, 11]],
      text: 'Officials denied that the closure was linked to a planned marina development.',
      speaker: 'Officials',
      speakerRole: null,
      outlet: null,
      cue: 'denied',
      corroboration: { articles: 1, outlets: [], firstOutlet: null },
      ...over,
    });

  it('shows the reporting verb and the sentence of an indirect item, so a denial does not read as an assertion', () => {
    const m = renderReply(reply([denial()]));
    withinLimits(m);
    const e = m.embeds[0]!;
    expect(e.description).toBe('the **closure** was linked to a planned marina development\n— **Officials** (denied)');
    expect(e.fields).toEqual([{ name: 'In context', value: 'Officials denied that the closure was linked to a planned marina development.' }]);
    expect(e.footer?.text).toBe('Reported speech · Reported in 1 article · The Washington Post');
  });

  it('names an outlet that is also the speaker once (QA 5b)', () => {
    const own = { kind: 'indirect' as const, quote: 'Israel was the source', highlights: [], text: 'The New York Times reported Israel was the source.', speaker: 'The New York Times', speakerRole: null, outlet: 'The New York Times', cue: 'reported' };
    const [e] = renderReply(reply([denial(own)])).embeds;
    expect(e!.description).toBe('Israel was the source\n— **The New York Times** (reported)');
  });

  it('puts the verb next to the name, before the role, for mixed items too (once when it is "told" an outlet), without wrapping a partly quoted clause in quote marks (QA 5b R5)', () => {
    const mixed = { kind: 'mixed' as const, quote: 'the marina was "never on the table"', highlights: [], text: 'Okafor insisted that the marina was "never on the table".', speaker: 'Linda Okafor', speakerRole: 'harbour master', cue: 'insisted' };
    const told = { ...mixed, text: 'Okafor told the Gazette that the marina was "never on the table".', outlet: 'The Gazette', cue: 'told' };
    const [a, b] = renderReply(reply([denial(mixed), denial(told)])).embeds;
    expect(a!.description).toBe('the marina was "never on the table"\n— **Linda Okafor** (insisted), harbour master');
    expect(a!.fields?.[0]?.value).toBe('Okafor insisted that the marina was "never on the table".');
    expect(b!.description).toBe('the marina was "never on the table"\n— **Linda Okafor**, harbour master · told The Gazette');
    expect(b!.fields?.[0]?.value).toBe('Okafor told the Gazette that the marina was "never on the table".');
  });

  it('leaves direct quotes as they were, and adds nothing when the sentence is just the words', () => {
    const bare = denial({ text: 'The closure was linked to a planned marina development', cue: ':' });
    const [direct, reported, plain] = renderReply(reply([item({ cue: 'denied' }), denial(), bare])).embeds;
    expect(direct!.description).toBe('“The **story** that came out tonight as reported is false”\n— **H.R. McMaster**, National Security Adviser · via The Washington Post');
    expect(direct!.fields).toBeUndefined();
    // The indirect item between them does get its verb (so the rule is per item, not per reply).
    expect(reported!.description).toContain('— **Officials** (denied)');
    // A colon is not a verb, and a sentence that is only the reported words adds nothing.
    expect(plain!.description).toMatch(/— \*\*Officials\*\*$/);
    expect(plain!.fields).toBeUndefined();
  });

  it('escapes mentions, links and markdown in the sentence and the verb', () => {
    const evil = 'Officials @everyone <@123456789012345678> denied **it** ||all|| [x](https://evil.example) # loudly\n> and https://phish.example: the closure was linked';
    const e = renderReply(reply([denial({ text: evil, cue: 'denied @here <@&22> __x__' })])).embeds[0]!;
    const value = e.fields?.[0]?.value ?? '';
    expect(value).toBe('Officials @\u200beveryone \\<@123456789012345678\\> denied \\*\\*it\\*\\* \\|\\|all\\|\\| \\[x\\](https\\://evil.example) \\# loudly \\> and https\\://phish.example: the closure was linked');
    const who = e.description!.split('\n')[1]!;
    expect(who).toBe('— **Officials** (denied @\u200bhere \\<@&22\\> \\_\\_x\\_\\_)');
    for (const t of [value, who]) {
      expect(t).not.toMatch(/@(everyone|here)/);
      expect(t).not.toMatch(/(^|[^\\])<@[!&]?\d+>/);
      expect(t).not.toMatch(/(^|[^\\])\[x\]\(/);
    }
  });

  it('cuts a long sentence with an ellipsis and keeps ten of them within Discord’s limits', () => {
    const long = `Officials denied that ${'the closure and its causes were linked to a planned marina development '.repeat(80)}`;
    const one = renderReply(reply([denial({ text: long })])).embeds[0]!;
    const value = one.fields?.[0]?.value ?? '';
    expect(value.startsWith('Officials denied that the closure')).toBe(true);
    expect(value.endsWith('…')).toBe(true);
    expect(value.length).toBeLessThanOrEqual(300);
    const items = Array.from({ length: 12 }, (_, i) =>
      denial({ statementId: `a:${i}`, text: long, quote: 'x '.repeat(3000), article: { ...article, title: 'T'.repeat(400) }, speaker: 'S'.repeat(500), cue: `denied ${'y'.repeat(500)}` }),
    );
    const m = renderReply(reply(items));
    withinLimits(m);
    expect(m.embeds).toHaveLength(10);
    for (const e of m.embeds) expect(e.fields?.[0]?.value).toMatch(/^Officials denied that .*…$/);
  });
});

describe('markdown helpers', () => {
  it('escapes each markdown character once', () => {
    expect(escapeMarkdown('a*b_c~d`e|f>g[h]i<j#k\\l')).toBe('a\\*b\\_c\\~d\\`e\\|f\\>g\\[h\\]i\\<j\\#k\\\\l');
  });

  it('keeps URLs in article text from becoming links', () => {
    expect(escapeMarkdown('see https://phish.example/login or HTTP://x.example')).toBe('see https\\://phish.example/login or HTTP\\://x.example');
    expect(escapeMarkdown('ratio 3:2 and a:b//c')).toBe('ratio 3:2 and a:b//c');
  });

  it('merges overlapping highlights and ignores ones outside the text', () => {
    expect(richText('great intel here', 100, { highlights: [[6, 9], [0, 5], [7, 11], [40, 50]] })).toBe('**great** **intel** here');
  });

  it('cuts at a word boundary with an ellipsis, never inside an escape or an emoji', () => {
    expect(richText('alpha beta gamma delta', 15)).toBe('alpha beta…');
    const escaped = richText('a_b_c_d_e_f_g_h', 8);
    expect(escaped.length).toBeLessThanOrEqual(8);
    expect(escaped).not.toMatch(/(^|[^\\])\\…$/);
    const emoji = richText('😀😀😀😀😀', 6);
    expect(emoji).toBe('😀😀…');
  });

  it('plain text (footers, choice names) breaks mass mentions and fits the limit', () => {
    expect(plainText('hi @everyone', 100)).toBe('hi @\u200beveryone');
    expect(plainText('x'.repeat(150), 100)).toHaveLength(100);
  });
});

describe('the “named as” label of a long mention (QA 7 nit)', () => {
  const wholeGraphemes = (whole: string, cut: string): boolean => {
    let at = '';
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(whole)) {
      if (at.trimEnd() === cut) return true;
      at += segment;
    }
    return at === cut;
  };

  it.each([
    `the ${'x'.repeat(33)} 👩‍⚕️ spokesperson`,
    `the ${'x'.repeat(31)} 👩‍⚕️ spokesperson`,
    `the ${'x'.repeat(33)} e\u0301tudiant spokesperson`,
  ])('is cut between graphemes: %s', (mention) => {
    const e = renderReply(reply([item({ speakerMention: mention, text: `"The story is false," ${mention} said.` })])).embeds[0]!;
    const name = e.fields?.[0]?.name ?? '';
    const shown = name.match(/^In context \(named as “(.*)…”\)$/)?.[1];
    expect(shown?.length).toBeGreaterThan(20);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(wholeGraphemes(mention, shown!)).toBe(true);
  });
});
