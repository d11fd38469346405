import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPath } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, 'fixtures/ingest/markdown');
const load = (name: string) => loadPath(join(dir, name), { baseDir: dir });

describe('ingest: Markdown with front matter', () => {
  it('takes title, outlet, url, published and author from the front matter', async () => {
    const { articles, errors } = await load('story.md');
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      title: 'McMaster: the story is false',
      outlet: 'The Washington Post',
      url: 'https://www.washingtonpost.com/world/mcmaster-story/',
      published: '2017-05-15',
      author: 'Greg Miller',
      source: 'story.md',
    });
  });

  it('joins wrapped lines, keeps headings, quotes and list items as paragraphs (not image captions), strips markup', async () => {
    const { articles } = await load('story.md');
    expect(articles[0]!.text.split('\n')).toEqual([
      'National Security Adviser H.R. McMaster told reporters outside the White House that the story, as reported, was false. He spoke for about a minute.',
      'The fallout',
      `"I was in the room. It didn't happen," McMaster said.`,
      'Officials were angry.',
      'Allies were worried.',
    ]);
  });

  it('decodes HTML character references, then normalises them like typed characters', async () => {
    const { articles } = await load('entities.md');
    expect(articles[0]!.text).toBe('Fish & chips - and "quotes" &unknown; <b>');
  });

  it('reads a file without blank lines one paragraph a line, like .txt', async () => {
    const { articles } = await load('lines.md');
    expect(articles[0]!.text.split('\n')).toHaveLength(3);
    expect(articles[0]).toMatchObject({ title: 'The first paragraph, on one line', outlet: null, url: null });
  });

  it('uses a leading # heading as the title when the front matter has none', async () => {
    const { articles } = await loadPath(join(dir, '..', 'folder', 'sub', 'b.md'));
    expect(articles[0]!.title).toBe('Heading as title');
    expect(articles[0]!.text).toBe('The body of b.');
  });

  it('reports broken, unclosed or non-mapping front matter, and front matter with no body, naming the file', async () => {
    for (const [name, reason] of [
      ['broken-yaml.md', /^broken front matter \(.+\)$/],
      ['unclosed.md', /broken front matter \(no closing ---\)/],
      ['list-front-matter.md', /broken front matter/],
      ['only-front-matter.md', /no text/],
    ] as const) {
      const { articles, errors } = await load(name);
      expect(articles, name).toEqual([]);
      expect(errors, name).toEqual([{ source: name, reason: expect.stringMatching(reason) }]);
    }
  });

  it('never evaluates JavaScript front matter', async () => {
    const { articles, errors } = await load('javascript.md');
    expect(articles).toEqual([]);
    expect(errors[0]!.reason).toMatch(/JavaScript front matter is not allowed/);
    expect((globalThis as { __frontMatterRan?: boolean }).__frontMatterRan).toBeUndefined();
  });
});
