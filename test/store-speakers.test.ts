import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/domain/article.js';
import { extractStatements } from '../src/extract/index.js';
import { buildArticle } from '../src/ingest/build.js';
import { groupPartKeys, isGenericSpeaker } from '../src/store/speaker-names.js';
import { openStore, type SqlStore } from '../src/store/index.js';

/** Speakers across articles, from small texts through the real extractor. */
function articleOf(text: string, source: string): Article {
  const built = buildArticle({ text, source });
  if (!built.ok) throw new Error(built.reason);
  return built.article;
}

describe('store: generic descriptions are not speakers', () => {
  it('decides by shape: lower case, plural common nouns, no capitalised name part', () => {
    for (const generic of ['officials', 'Officials', 'Critics', 'Analysts', 'Residents', 'People', 'Investigators', 'a former intelligence official', 'Senior officials', 'two people familiar with the matter']) {
      expect(isGenericSpeaker(generic), generic).toBe(true);
    }
    for (const named of ['H.R. McMaster', 'McMaster', 'Sanders', 'Williams', 'Davies', 'Trump aides', 'former US officials', 'an Israeli intelligence officer', 'the White House', 'Democrats']) {
      expect(isGenericSpeaker(named), named).toBe(false);
    }
    // Not only a list: a plural written in lower case elsewhere in the article is a common noun.
    expect(isGenericSpeaker('Firefighters')).toBe(false);
    expect(isGenericSpeaker('Firefighters', { text: 'Firefighters said the fire was out. Two firefighters were hurt.' })).toBe(true);
    expect(isGenericSpeaker('Firefighters', { mentions: ['firefighters'] })).toBe(true);
  });

  let store: SqlStore;
  beforeAll(async () => {
    store = await openStore({ memory: true });
  });
  afterAll(() => store.close());

  it('"Officials said" in one article and "former US officials said" in another stay apart', async () => {
    const a = articleOf('Officials said the meeting was cancelled on Tuesday.', 'a.txt');
    const b = articleOf('"The plan failed badly," former US officials said on Monday.', 'b.txt');
    const c = articleOf('Critics said the plan was a disgrace. Officials said the talks would resume next week.', 'c.txt');
    for (const x of [a, b, c]) await store.upsertArticle(x, extractStatements(x));
    const speakersOf = async (x: Article) => (await store.getStatements(x.id)).map((s) => s.speaker).filter(Boolean);
    expect(await speakersOf(a)).toEqual(['Officials']);
    expect(await speakersOf(b)).toEqual(['former US officials']);
    expect(await speakersOf(c)).toEqual(['Critics', 'Officials']);
    const names = (await store.speakers()).map((s) => [s.name, s.statements]);
    expect(names).toEqual([['former US officials', 1]]);
  });

  it('a store written under the old rules detaches generic speakers at start, through the change feed', async () => {
    const x = articleOf('Officials said the bridge would reopen in May.', 'x.txt');
    await store.upsertArticle(x, extractStatements(x));
    const db = (store as unknown as { db: { query(sql: string, p?: unknown[]): Promise<Array<Record<string, unknown>>> } }).db;
    // As the old rules stored it: "Officials" was a speaker of its own.
    const [row] = await db.query("INSERT INTO speakers (name, name_key, surname_key, tokens, statement_count) VALUES ('Officials', 'officials', 'officials', 1, 1) RETURNING id");
    await db.query('UPDATE statements SET speaker_id = $1 WHERE article_id = $2 AND speaker_raw = $3', [row!.id, x.id, 'Officials']);
    await db.query("UPDATE store_meta SET value = 'old' WHERE key = 'speaker_rules'");
    expect((await store.speakers()).map((s) => s.name)).toContain('Officials');
    const seq = await store.currentSeq();
    await store.ensureSpeakerRules();
    expect((await store.speakers()).map((s) => s.name)).not.toContain('Officials');
    expect((await store.getStatements(x.id)).map((s) => s.speaker).filter(Boolean)).toEqual(['Officials']);
    expect((await store.changesSince(seq)).upserted.map((s) => s.articleId)).toContain(x.id);
    const again = await store.currentSeq();
    await store.ensureSpeakerRules();
    expect(await store.currentSeq()).toBe(again);
  });
});

describe('store: two people sharing a surname stay two, whatever order their articles arrive in (QA6b B2)', () => {
  const jo = (): Article => articleOf('"The harbour will reopen on Monday at the earliest," said Jo Reed, the harbour master.', 'jo.txt');
  const tom = (): Article => articleOf('"I warned the council three times," said Tom Reed, a Guardian reporter.', 'tom.txt');
  const bare = (): Article => articleOf('Boats stayed in port.\n"Nobody is going out until the survey is done," Reed said.', 'bare.txt');
  const joAgain = (): Article => articleOf('Jo Reed runs the harbour.\n"We will wait for the survey," Reed said.', 'jo2.txt');

  for (const order of [['bare', 'tom', 'jo'], ['tom', 'bare', 'jo'], ['jo', 'tom', 'bare'], ['joAgain', 'bare', 'tom']]) {
    it(`in the order ${order.join(', ')}: the bare "Reed" is neither Jo's nor Tom's`, async () => {
      const store = await openStore({ memory: true });
      try {
        const make: Record<string, () => Article> = { jo, tom, bare, joAgain };
        for (const name of order) {
          const a = make[name]!();
          await store.upsertArticle(a, extractStatements(a));
        }
        const speakers = Object.fromEntries((await store.speakers()).map((s) => [s.name, s.statements]));
        expect(speakers).toMatchObject({ Reed: 1, 'Tom Reed': 1 });
        expect(speakers['Jo Reed']).toBeGreaterThanOrEqual(1);
        expect((await store.getStatements(bare().id)).map((s) => s.speaker).filter(Boolean)).toEqual(['Reed']);
        expect((await store.getStatements(tom().id)).map((s) => s.speaker)).toEqual(['Tom Reed']);
      } finally {
        await store.close();
      }
    });
  }
});

describe('store: group speakers', () => {
  it('a group is names joined by "and", "&" or commas, each shaped like a name, all different', () => {
    const parts = (name: string) => groupPartKeys(name)?.map((k) => k.key) ?? null;
    expect(parts('H.R. McMaster and Rex Tillerson')).toEqual(['hr mcmaster', 'rex tillerson']);
    expect(parts('Mr. Trump & Mr. Putin')).toEqual(['trump', 'putin']);
    expect(parts('Calder, Quill, and Vale')).toEqual(['calder', 'quill', 'vale']);
    for (const one of ['Ruth Calder', 'the mayor and Ruth Calder', 'Officials and Critics', 'Johnson & Johnson', 'Martin Luther King, Jr.']) {
      expect(parts(one), one).toBeNull();
    }
  });
});
