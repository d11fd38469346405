import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropEchoes, isFurnitureParagraph } from '../src/ingest/boilerplate.js';
import { htmlFragmentText } from '../src/ingest/formats/html.js';
import { deriveTitle } from '../src/ingest/identity.js';
import { loadPath } from '../src/ingest/index.js';
import { normaliseInline, normaliseText } from '../src/ingest/normalise.js';

// QA 8: page furniture (captions, sign-ups, bios, teasers, pull quotes) is not article text.
const dir = join(import.meta.dirname, 'fixtures/ingest/furniture');
const tmp = mkdtempSync(join(tmpdir(), 'factbot-furniture-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function paragraphsOf(path: string): Promise<string[]> {
  const { articles, errors } = await loadPath(path);
  expect(errors).toEqual([]);
  expect(articles).toHaveLength(1);
  return articles[0]!.text.split('\n');
}

describe('ingest: page furniture in HTML', () => {
  it('drops captions, sign-ups, author bios, teasers and cookie banners; keeps the story', async () => {
    const paragraphs = await paragraphsOf(join(dir, 'page.html'));
    const text = paragraphs.join('\n');
    expect(paragraphs[0]).toMatch(/^Every bollard on Pellow Bay's north quay/);
    expect(text).toContain('"Two of them snapped like carrots. We were lucky nobody was standing there," harbourmaster Idris Penhallow said.');
    expect(text).toContain('Trust chair Senara Vosper said the work would cost about £90,000');
    // <figcaption> and a caption paragraph (class "image-caption").
    expect(text).not.toContain('a danger');
    expect(text).not.toContain('long overdue');
    // A sign-up box, a sign-up line, an author bio, a cookie banner, a "Read more" teaser.
    expect(text).not.toMatch(/our editor|inbox|Sign up|Kerenza|never met a bollard|privacy|Read more|falling apart/);
  });

  it('keeps a pull quote out, classed or not: the quote is in the text once', async () => {
    const text = (await paragraphsOf(join(dir, 'page.html'))).join('\n');
    expect(text.match(/snapped like carrots/g)).toHaveLength(1);
    expect(text.match(/We will not wait for a third bollard to go/g)).toHaveLength(1);
    expect(text).not.toMatch(/^Idris Penhallow$/m);
  });

  it('never removes a short story whose container class names furniture, in a page of navigation', async () => {
    const { articles } = await loadPath(join(dir, 'short-story.html'));
    const text = articles[0]!.text;
    expect(text).toContain('"It is safe," said engineer Tamsin Kerr.');
    expect(text).toContain('The trust said the overspend would be met from reserves');
  });

  it('never removes the story container, whatever its class names', async () => {
    // "share-enabled" names furniture, but the element holds the story: it stays.
    const paragraphs = await paragraphsOf(join(dir, 'page.html'));
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
  });

  it('reads a page drawn by its scripts from its JSON-LD articleBody, not from its navigation', async () => {
    const { articles } = await loadPath(join(dir, 'scripted.html'));
    expect(articles[0]).toMatchObject({
      title: 'Reservoir at record low',
      outlet: 'Valemont Ledger',
      text:
        "Valemont's reservoirs fell to 31 per cent of capacity on Sunday, the lowest since records began.\n" +
        '"We are asking everyone to take shorter showers," said water board engineer Renske Dijkhuizen.\n' +
        'A hosepipe ban will start on Wednesday.',
    });
  });

  it('reads a live blog: LiveBlogPosting metadata, and no entry heading repeating its quote', async () => {
    const { articles } = await loadPath(join(dir, 'liveblog.html'));
    expect(articles[0]).toMatchObject({
      title: "Budget day live: the chancellor's speech",
      outlet: 'Pellow Bay Echo',
      author: 'Tamsin Oduya',
      published: '2026-04-15T12:00:00Z',
    });
    expect(articles[0]!.text.match(/This is a budget for builders/g)).toHaveLength(1);
  });

  it('leaves out text meant for screen readers only', async () => {
    const text = (await paragraphsOf(join(dir, 'screen-reader.html'))).join('\n');
    expect(text).toContain('"We thought we would lose it," said trustee Morwenna Keast.\n');
    expect(text).not.toMatch(/new window|Share on Facebook/);
  });

  it('keeps the caption of a quotation figure: it says who spoke', () => {
    const content =
      '<p>Residents received a letter from the mayor on Friday, a week after the storm.</p>' +
      '<figure><blockquote><p>The quay will be rebuilt, stone by stone.</p></blockquote><figcaption class="wp-element-caption">Mayor Senara Vosper, in her letter</figcaption></figure>' +
      '<figure><img src="q.jpg"><figcaption>Mayor Senara Vosper, who said the quay would be "rebuilt".</figcaption></figure>';
    expect(htmlFragmentText(content).split('\n')).toEqual([
      'Residents received a letter from the mayor on Friday, a week after the storm.',
      'The quay will be rebuilt, stone by stone.',
      'Mayor Senara Vosper, in her letter',
    ]);
  });

  it('keeps an embedded post the story quotes, while dropping the share bar', () => {
    const content =
      '<p>The harbourmaster posted a warning on Monday night, hours before the storm.</p>' +
      '<div class="social-embed"><blockquote class="twitter-tweet"><p>Stay off the quay tonight. The bollards will not hold.</p>&mdash; Idris Penhallow (@pellowharbour)</blockquote></div>' +
      '<div class="social-share-bar"><a>Share on Facebook</a> <a>Share on X</a></div>';
    expect(htmlFragmentText(content).split('\n')).toEqual([
      'The harbourmaster posted a warning on Monday night, hours before the storm.',
      'Stay off the quay tonight. The bollards will not hold.',
      '- Idris Penhallow (@pellowharbour)',
    ]);
  });

  it('leaves readers\' comments out of feed content', () => {
    const content =
      '<p>The mayor said the trams would run on time, speaking at the town hall on Tuesday.</p>' +
      '<section id="comments" class="comments-area"><ol class="comment-list"><li><p>"The mayor is lying," wrote RiverRat99.</p></li></ol></section>';
    expect(htmlFragmentText(content)).toBe('The mayor said the trams would run on time, speaking at the town hall on Tuesday.');
  });

  it('reads fragments one after another in one shared document: nothing runs, nothing carries over', () => {
    const g = globalThis as { __factbotRan?: boolean };
    const first = htmlFragmentText('<p>One paragraph.</p><script>globalThis.__factbotRan = true</script><img src="x" onerror="globalThis.__factbotRan = true">');
    const second = htmlFragmentText('<p>Another paragraph.</p>');
    expect([first, second]).toEqual(['One paragraph.', 'Another paragraph.']);
    expect(g.__factbotRan).toBeUndefined();
  });

  it('cleans feed item content the same way (no readability there)', () => {
    const content = [
      '<figure><img src="l.jpg"/><figcaption>Librarian Morwenna Hicks, who said the cut was "cruel".</figcaption></figure>',
      '<p>The library will close on Mondays from January, the council said.</p>',
      '<p>"It is cruel, but we would rather shorten hours than shut doors," librarian Morwenna Hicks said.</p>',
      '<blockquote class="pullquote">"It is cruel, but we would rather shorten hours than shut doors"</blockquote>',
      '<p class="wp-caption-text">Morwenna Hicks in the reading room.</p>',
      '<p>The post <a href="https://x.example/a">Library to close on Mondays</a> appeared first on <a href="https://x.example">Pellow Bay Echo</a>.</p>',
    ].join('');
    expect(htmlFragmentText(content).split('\n')).toEqual([
      'The library will close on Mondays from January, the council said.',
      '"It is cruel, but we would rather shorten hours than shut doors," librarian Morwenna Hicks said.',
    ]);
  });
});

describe('ingest: page furniture in Markdown', () => {
  it('drops image captions, a blockquoted pull quote, a teaser and a sign-up line', async () => {
    expect(await paragraphsOf(join(dir, 'story.md'))).toEqual([
      "The pier's Victorian lamps were switched back on on Friday after a two-year restoration.",
      '"They are good for another fifty years, as long as nobody drives into them," said electrician Jago Trembath.',
      'Town clerk Wenna Rowe said the work had cost £40,000. "Every penny was worth it," she said.',
    ]);
  });
});

describe('ingest: site templating in Markdown', () => {
  it('drops Hugo shortcodes and Liquid tags, and reads publication: as the outlet', async () => {
    const { articles } = await loadPath(join(dir, 'hugo.md'));
    expect(articles[0]).toMatchObject({
      outlet: 'Pellow Bay Echo',
      text:
        'The harbour wall at Pellow Bay has been repaired after the January storms, the harbour trust said.\n' +
        '"The wall is stronger than before the storm," harbourmaster Jory Penhallow said.\n' +
        'The repairs cost £180,000.',
    });
  });
});

describe('ingest: HTML inside Markdown, and <q> quotations', () => {
  it('reads HTML blocks of a Markdown file as HTML: furniture dropped, tags gone, entities decoded', async () => {
    expect(await paragraphsOf(join(dir, 'html-blocks.md'))).toEqual([
      'The Pellow Bay lifeboat station took delivery of a new all-weather boat on Sunday.',
      '"It is faster, drier and safer than anything we have had," said coxswain Ailsa Mbeki.',
      'The boat cost £2.5 million, raised entirely from donations & legacies.',
      // Inline HTML in a Markdown paragraph stays text, as before.
      'Readers wrote <b>in bold</b> about it.',
    ]);
  });

  it('gives <q> its quotation marks, so the words read as a quotation', () => {
    expect(htmlFragmentText('<p>Harbourmaster Idris Penhallow said <q>the quay is safe, <q>at last</q></q> on Monday.</p>')).toBe(
      `Harbourmaster Idris Penhallow said "the quay is safe, 'at last'" on Monday.`,
    );
  });
});

describe('ingest: JSON exports from a CMS', () => {
  it('takes the text from body, content, articleBody or a WordPress { rendered } field', async () => {
    const file = join(tmp, 'cms.jsonl');
    writeFileSync(
      file,
      [
        { headline: 'Ferry cut', body: 'No Sunday ferry this winter, the operator said.', source_name: 'Skerry Post' },
        { title: 'Dues rise', content: 'Harbour dues rise by 8% in January.' },
        { title: 'Lamp room', articleBody: ['The keeper retired.', 'He climbed the stairs once more.'] },
        { title: { rendered: 'Gulls' }, content: { rendered: '<p>Gulls nested on the chapel roof.</p>' } },
        { title: 'Numbers', body: 42 },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const { articles, errors } = await loadPath(file);
    expect(articles.map((a) => a.text)).toEqual([
      'No Sunday ferry this winter, the operator said.',
      'Harbour dues rise by 8% in January.',
      'The keeper retired.\nHe climbed the stairs once more.',
      'Gulls nested on the chapel roof.',
    ]);
    expect(articles[0]!.outlet).toBe('Skerry Post');
    expect(articles[3]!.title).toBe('Gulls');
    expect(errors).toEqual([{ source: `${file}:5`, reason: 'record "body" must be a string (got a number)' }]);
  });

  it('reads a news API export: source { name } as outlet, the truncation marker dropped, the site off the title', async () => {
    const file = join(tmp, 'newsapi.json');
    writeFileSync(
      file,
      JSON.stringify({
        status: 'ok',
        articles: [
          {
            source: { id: null, name: 'Islands Weekly' },
            author: 'Freya Halvorsen',
            title: 'Ferry fares frozen - Islands Weekly',
            url: 'https://islandsweekly.example/fares',
            publishedAt: '2026-10-20T08:00:00Z',
            content: 'Island ferry fares will not rise next year, the board said. "For islanders the ferry is a lifeline," said captain Ines… [+1834 chars]',
          },
          { source: 'feeds/islands.json', title: 'Dues rise | Harbour Notes', text: 'Harbour dues rise by 8% in January.' },
        ],
      }),
    );
    const { articles } = await loadPath(file);
    expect(articles[0]).toMatchObject({
      outlet: 'Islands Weekly',
      title: 'Ferry fares frozen',
      text: 'Island ferry fares will not rise next year, the board said. "For islanders the ferry is a lifeline," said captain Ines…',
    });
    // A string source is no outlet; a title suffix that is not the outlet stays.
    expect(articles[1]).toMatchObject({ outlet: null, title: 'Dues rise | Harbour Notes' });
  });

  it('reads an Arc XP (ANS) story: text and header elements only, headline, credits, publish date', async () => {
    const { articles, errors } = await loadPath(join(dir, 'arc-story.json'));
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      title: 'Quay bollards to be replaced',
      author: 'Kerenza Polglase',
      published: '2026-10-04T09:30:00Z',
      url: 'https://echo.example/2026/10/04/quay-bollards/',
      text:
        'Every bollard on the north quay will be replaced this winter, the harbour trust said.\n' +
        '"Two of them snapped like carrots," harbourmaster Idris Penhallow said.\n' +
        'What happens next\n' +
        'Work starts in November.',
    });
  });

  it('reads an HTML body as HTML: paragraphs, entities decoded, captions dropped', async () => {
    const file = join(tmp, 'html-body.json');
    const html =
      '<p>Keeper Cadan Ó Briain climbed the stairs for the last time.</p><p>&quot;I will miss the quiet more than the view,&quot; he said.</p>' +
      '<figure><figcaption>Cadan Ó Briain, who said he would "miss the quiet".</figcaption></figure>';
    writeFileSync(file, JSON.stringify({ title: 'Keeper retires', text: html }));
    const { articles } = await loadPath(file);
    expect(articles[0]!.text).toBe('Keeper Cadan Ó Briain climbed the stairs for the last time.\n"I will miss the quiet more than the view," he said.');
  });

  it('keeps markup written in an article as text: a plain text, or a record handed over by `factbot ingest`', async () => {
    const file = join(tmp, 'literal.json');
    writeFileSync(
      file,
      JSON.stringify([
        { text: 'Readers wrote <p>hello</p> in their letters.' },
        { text: '<p>Handed over</p> as written.', sourceKey: null },
      ]),
    );
    const { articles } = await loadPath(file);
    expect(articles.map((a) => a.text)).toEqual(['Readers wrote <p>hello</p> in their letters.', '<p>Handed over</p> as written.']);
  });
});

describe('ingest: text shapes', () => {
  it('closes up the spaces French sets inside guillemets, and only those', () => {
    expect(normaliseInline('« Nous avons attendu trop longtemps », said Zoë.')).toBe('"Nous avons attendu trop longtemps", said Zoë.');
    expect(normaliseInline('Elle a dit\u202F: «\u202FNon\u202F», puis «\u00A0Oui\u00A0».')).toBe('Elle a dit : "Non", puis "Oui".');
    // German sets »…« with the spaces outside: untouched.
    expect(normaliseInline('»A« sagte er und »B« auch')).toBe('"A" sagte er und "B" auch');
    const once = normaliseText('« Oui », dit-elle.');
    expect(normaliseText(once)).toBe(once);
  });

  it('takes a wire story\'s outlet from its dateline when it has no other', async () => {
    const file = join(tmp, 'wire.txt');
    writeFileSync(file, 'Port strike spreads\nWELLSBOROUGH, Oct 3 (Reuters) - Dock workers joined the strike on Thursday.\n"We stay out," said Goran Stavridis.\n');
    const ap = join(tmp, 'ap.txt');
    writeFileSync(ap, 'PUERTO ALBA, Isla Serrana (AP) — The alert level was raised on Saturday.\n');
    const none = join(tmp, 'none.txt');
    writeFileSync(none, 'BRUSSELS - The grid was stable on Tuesday, the commissioner said.\n');
    const given = join(tmp, 'given.json');
    writeFileSync(given, JSON.stringify({ outlet: 'Carrow Bay Mercury', text: 'LONDON (Reuters) - Marlow Bank will cut 400 jobs.' }));
    const outlets = await Promise.all([file, ap, none, given].map(async (f) => (await loadPath(f)).articles[0]!.outlet));
    expect(outlets).toEqual(['Reuters', 'The Associated Press', null, 'Carrow Bay Mercury']);
  });

  it('titles a press release by its headline, not by "FOR IMMEDIATE RELEASE"', () => {
    expect(deriveTitle('FOR IMMEDIATE RELEASE\nTrembath Lamps Relights Pellow Pier\nPELLOW BAY, June 2 /Wire/ -- Trembath Lamps today relit the pier.')).toBe(
      'Trembath Lamps Relights Pellow Pier',
    );
    expect(deriveTitle('EMBARGOED UNTIL 00:01 GMT, 3 JUNE\nPier Relit\nThe pier was relit today by the council.')).toBe('Pier Relit');
  });

  it('recognises furniture lines, and not sentences that merely mention them', () => {
    expect(isFurnitureParagraph('Read more: "We want our pier back," say traders')).toBe(true);
    expect(isFurnitureParagraph('The post Pier relit appeared first on Pellow Bay Echo.')).toBe(true);
    expect(isFurnitureParagraph('Sign up for our newsletter: "all the news, every Friday".')).toBe(true);
    for (const line of ['Subscribe to continue reading. Already a subscriber? Log in.', 'This article is for subscribers only. Subscribe now.', 'Listen to this article', '4 min read', 'Story continues below advertisement', 'Follow us on Twitter and Facebook for more Tidewater news.', 'Have a story? Email us at news@tide.example']) {
      expect(isFurnitureParagraph(line)).toBe(true);
    }
    expect(isFurnitureParagraph('She said people should read more about the pier before they vote.')).toBe(false);
    expect(isFurnitureParagraph('"Follow us on the march to the harbour," the organisers urged, expecting hundreds of people.')).toBe(false);
    expect(isFurnitureParagraph('"Sign up for the scheme," the council urged fishermen.')).toBe(false);
  });

  it('drops a paragraph repeated inside another; keeps short ones and the first of identical ones', () => {
    expect(
      dropEchoes([
        '"This is a budget for builders"',
        'The chancellor spoke. "This is a budget for builders, not for blockers," she said.',
        'No comment.',
        'No comment.',
        'A paragraph said twice in full.',
        'A paragraph said twice in full.',
      ]),
    ).toEqual([
      'The chancellor spoke. "This is a budget for builders, not for blockers," she said.',
      'No comment.',
      'No comment.',
      'A paragraph said twice in full.',
    ]);
  });
});
