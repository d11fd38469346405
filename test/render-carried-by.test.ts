import { describe, expect, it } from 'vitest';
import { carriedByText, type Corroboration, type Reply, type ReplyItem } from '../src/domain/reply.js';
import { renderReply as renderConsole } from '../src/platforms/console/render.js';
import { MAX_CONTEXT_TEXT, MAX_SECTION_TEXT } from '../src/platforms/slack/limits.js';
import { renderReply as renderSlack } from '../src/platforms/slack/render.js';
import { MAX_EMBED_TOTAL, MAX_FOOTER_TEXT } from '../src/platforms/discord/limits.js';
import { renderReply as renderDiscord } from '../src/platforms/discord/render.js';

// QA 8, 26: syndicated copy (one wire story printed by several sites) is one report; every
// platform says which other sites carried it, escaped its own way, long lists cut.
function item(corroboration: Corroboration): ReplyItem {
  return {
    statementId: 'a1:1',
    kind: 'direct',
    quote: 'We are watching a glacier die in real time',
    highlights: [],
    text: '"We are watching a glacier die in real time," glaciologist Aputsiaq Lindqvist-Olsen told Polar Wire.',
    speaker: 'Aputsiaq Lindqvist-Olsen',
    speakerRole: 'glaciologist',
    outlet: 'Polar Wire',
    cue: 'told',
    article: { id: 'a1', title: 'Glacier retreat speeds up', outlet: 'Lakeshore Gazette', url: 'https://lakeshore.example/glacier', published: null },
    corroboration,
  };
}

const reply = (items: ReplyItem[]): Reply => ({ title: 'Quotes matching “glacier”', notices: [], sections: [{ items }], visibility: 'private' });
const one = (carriedBy: string[]): Corroboration => ({ articles: 1, outlets: ['Lakeshore Gazette', 'Polar Wire'], firstOutlet: 'Lakeshore Gazette', carriedBy });
const slackText = (r: Reply) => JSON.stringify(renderSlack(r, { share: false, more: false, ephemeral: true }).blocks);

describe('carriedByText', () => {
  it('names up to max sites, then "and N more", escaping each; null without copies', () => {
    expect(carriedByText({ articles: 1, outlets: [], firstOutlet: null }, (s) => s)).toBeNull();
    expect(carriedByText(one([]), (s) => s)).toBeNull();
    expect(carriedByText(one(['A', 'B']), (s) => s)).toBe('also carried by A, B');
    expect(carriedByText(one(['A', 'B', 'C', 'D', 'E']), (s) => `[${s}]`)).toBe('also carried by [A], [B], [C] and 2 more');
  });
});

describe('console', () => {
  it('says who else carried a report counted once', () => {
    const text = renderConsole(reply([item(one(['Ridgeway Tribune', 'Quarry Hill Post']))]));
    expect(text).toContain('Reported in 1 article; also carried by Ridgeway Tribune, Quarry Hill Post.');
  });

  it('after the count of independent reports, and before a conflict warning; control characters dropped', () => {
    const c: Corroboration = {
      articles: 2,
      outlets: ['Coastal Times', 'Lakeshore Gazette'],
      firstOutlet: null,
      carriedBy: ['Ridgeway\u001b[31m Tribune', 'Quarry Hill Post'],
      otherSpeakers: [{ speaker: 'Jim Hale', articles: 1, outlets: [] }],
    };
    const text = renderConsole(reply([item(c)]));
    expect(text).toContain('Reported in 2 articles (Coastal Times, Lakeshore Gazette); also carried by Ridgeway');
    expect(text).toMatch(/Quarry Hill Post\. Careful: the same words are also attributed to Jim Hale\./);
    expect(text).not.toContain('\u001b');
  });

  it('a long list is cut with "and N more"', () => {
    const sites = Array.from({ length: 9 }, (_, i) => `Paper ${i + 1}`);
    expect(renderConsole(reply([item(one(sites))]))).toContain('also carried by Paper 1, Paper 2, Paper 3, Paper 4, Paper 5 and 4 more.');
  });

  it('says nothing of it when there are no copies', () => {
    expect(renderConsole(reply([item({ articles: 1, outlets: ['Lakeshore Gazette'], firstOutlet: 'Lakeshore Gazette' })]))).not.toContain('carried by');
  });
});

describe('Slack', () => {
  it('beside the count, escaped', () => {
    const text = slackText(reply([item(one(['Ridgeway <Tribune>', 'Quarry & Hill Post']))]));
    expect(text).toContain('reported in 1 article · also carried by Ridgeway &lt;Tribune&gt;, Quarry &amp; Hill Post');
  });

  it('within the context limit when the names are huge, and cut with "and N more"', () => {
    const long = (i: number) => `Paper ${i} `.repeat(80);
    const c: Corroboration = { articles: 3, outlets: [], firstOutlet: long(0), carriedBy: Array.from({ length: 6 }, (_, i) => long(i + 1)) };
    const { blocks } = renderSlack(reply([item(c)]), { share: false, more: false, ephemeral: true });
    for (const b of blocks) {
      if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(MAX_CONTEXT_TEXT);
      if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    }
    expect(JSON.stringify(blocks)).toMatch(/also carried by Paper 1 .* and 3 more/);
  });
});

describe('Discord', () => {
  it('in the footer after the count, as plain text, the article outlet still last', () => {
    const e = renderDiscord(reply([item(one(['Ridgeway Tribune', 'Quarry Hill Post']))])).embeds[0]!;
    expect(e.footer?.text).toBe('Direct quote · Reported in 1 article, also carried by Ridgeway Tribune, Quarry Hill Post · Lakeshore Gazette');
  });

  it('long names are cut so the footer keeps within its limits', () => {
    const sites = Array.from({ length: 7 }, (_, i) => `${'Very Long Regional Newspaper Name '.repeat(5)}${i}`);
    const m = renderDiscord(reply(Array.from({ length: 5 }, () => item(one(sites)))));
    for (const e of m.embeds) {
      expect(e.footer!.text.length).toBeLessThanOrEqual(MAX_FOOTER_TEXT);
      expect(e.footer!.text).toMatch(/also carried by Very Long Regional Newspaper Name .{0,40}…, .* and 4 more/);
    }
    const total = m.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0), 0);
    expect(total).toBeLessThanOrEqual(MAX_EMBED_TOTAL);
  });
});
