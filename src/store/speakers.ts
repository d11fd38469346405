import type { Queryable } from './driver.js';
import { chunks, INSERT_CHUNK, statementId, type ArticleWithStatements, type WriteEffects } from './rows.js';
import { groupPartKeys, isAliasOf, isGenericSpeaker, speakerNameKey, type NameKey } from './speaker-names.js';

/** Corpus-wide speakers: resolving the extractor's names to speaker ids inside a write transaction. */

/**
 * Maps each speaker name the extractor gave to a corpus-wide speaker id, creating speakers as
 * needed. Full names first, so a bare surname in the same batch can resolve to them.
 */
export async function resolveSpeakers(
  tx: Queryable,
  items: readonly ArticleWithStatements[],
  effects: WriteEffects,
): Promise<Map<string, number>> {
  // Generic descriptions ("officials", "a senior official") get no corpus-wide speaker: the
  // statement keeps the name as written (speaker_raw) and is never merged with another article's.
  const generic = new Set<string>();
  for (const { article, statements } of items) {
    const mentions = new Map<string, Array<string | null>>();
    for (const s of statements) if (s.speaker) mentions.set(s.speaker, [...(mentions.get(s.speaker) ?? []), s.speakerMention]);
    for (const [name, ms] of mentions) if (isGenericSpeaker(name, { mentions: ms, text: article.text })) generic.add(name);
  }
  const names = new Map<string, ReturnType<typeof speakerNameKey>>();
  for (const { statements } of items) {
    for (const s of statements) {
      if (s.speaker && !generic.has(s.speaker) && !names.has(s.speaker)) names.set(s.speaker, speakerNameKey(s.speaker));
    }
  }
  const ids = new Map<string, number>();
  const keys = [...new Set([...names.values()].filter((k) => k !== null).map((k) => k.key))];
  const known = new Map<string, number>();
  if (keys.length) {
    const rows = await tx.query<{ alias_key: string; speaker_id: number }>(
      'SELECT alias_key, min(speaker_id) AS speaker_id FROM speaker_aliases WHERE alias_key = ANY($1::text[]) GROUP BY alias_key',
      [keys],
    );
    for (const r of rows) known.set(r.alias_key, Number(r.speaker_id));
  }
  type Named = [string, NonNullable<ReturnType<typeof speakerNameKey>>];
  const unknown = new Map<string, Named>();
  // A bare surname always goes by the rule below, never by an alias: "Reed" may be an alias of Jo Reed
  // (her article wrote "Reed said"), and in another article it may be Tom Reed.
  const isBare = (nk: NameKey): boolean => nk.tokens === 1 && nk.surname !== '';
  for (const [name, nk] of names) if (nk && (!known.has(nk.key) || isBare(nk)) && !unknown.has(nk.key)) unknown.set(nk.key, [name, nk]);
  const newAliases: Array<[string, string, number]> = [];
  // Bare surnames resolve against full names; descriptions ("officials") only match in full.
  const bare = [...unknown.values()].filter(([, nk]) => isBare(nk));
  const full = [...unknown.values()].filter(([, nk]) => !isBare(nk));

  // Full names: created in one statement; then a bare surname speaker already stored under
  // one of their surnames may merge in.
  if (full.length) {
    for (const part of chunks(full, INSERT_CHUNK)) {
      await tx.query(
        `INSERT INTO speakers (name, name_key, surname_key, tokens)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) ON CONFLICT (name_key) DO NOTHING`,
        [part.map((f) => f[0]), part.map((f) => f[1].key), part.map((f) => f[1].surname), part.map((f) => f[1].tokens)],
      );
      const rows = await tx.query<{ id: number; name_key: string }>(
        'SELECT id, name_key FROM speakers WHERE name_key = ANY($1::text[])',
        [part.map((f) => f[1].key)],
      );
      for (const r of rows) known.set(r.name_key, Number(r.id));
    }
    for (const [name, nk] of full) newAliases.push([name, nk.key, known.get(nk.key)!]);
    const surnames = [...new Set(full.filter(([, nk]) => nk.tokens > 1 && nk.surname).map(([, nk]) => nk.surname))];
    const bareStored = await tx.query<{ name_key: string }>(
      "SELECT name_key FROM speakers WHERE tokens = 1 AND surname_key <> '' AND name_key = ANY($1::text[])",
      [surnames],
    );
    for (const r of bareStored) {
      const owner = full.find(([, nk]) => nk.tokens > 1 && nk.surname === r.name_key)!;
      const fullId = known.get(owner[1].key)!;
      const absorbed = await absorbBareSurname(tx, fullId, r.name_key, effects);
      // Names looked up before the merge still point at the deleted bare speaker.
      if (absorbed !== null) for (const [k, v] of known) if (v === absorbed) known.set(k, fullId);
    }
    // A second full name with a surname: the bare surname is no longer known to mean the first one.
    await splitSharedSurnames(tx, surnames, effects);
  }

  // Bare surnames: the one full-named speaker with that surname, else a speaker of their own.
  if (bare.length) {
    const rows = await tx.query<{ surname_key: string; n: number; id: number }>(
      `SELECT surname_key, count(*)::int AS n, min(id) AS id FROM speakers
       WHERE tokens > 1 AND surname_key = ANY($1::text[]) GROUP BY surname_key`,
      [bare.map(([, nk]) => nk.key)],
    );
    const unique = new Map(rows.filter((r) => Number(r.n) === 1).map((r) => [r.surname_key, Number(r.id)]));
    for (const [name, nk] of bare) {
      const id = unique.get(nk.key) ?? (await createSpeaker(tx, name, nk.key, nk.surname, nk.tokens));
      known.set(nk.key, id);
      newAliases.push([name, nk.key, id]);
    }
  }
  for (const [name, nk] of names) if (nk) ids.set(name, known.get(nk.key)!);

  // Every written form seen becomes an alias: the extractor's name and name-like mentions.
  const aliasSeen = new Set(newAliases.map((a) => a[0]));
  for (const { statements } of items) {
    for (const s of statements) {
      if (!s.speaker) continue;
      const id = ids.get(s.speaker);
      if (id === undefined) continue;
      for (const form of [s.speaker, s.speakerMention]) {
        if (!form || aliasSeen.has(form)) continue;
        if (form !== s.speaker && !isAliasOf(form, s.speaker)) continue;
        const fk = speakerNameKey(form);
        if (!fk) continue;
        aliasSeen.add(form);
        newAliases.push([form, fk.key, id]);
      }
    }
  }
  for (const part of chunks(newAliases, INSERT_CHUNK)) {
    await tx.query(
      `INSERT INTO speaker_aliases (alias, alias_key, speaker_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT (alias) DO NOTHING`,
      [part.map((a) => a[0]), part.map((a) => a[1]), part.map((a) => a[2])],
    );
  }
  await recordSpeakerGroups(tx, [...ids].map(([name, id]) => [id, name] as const));
  return ids;
}

/**
 * Remembers the parts of group speakers ("Ruth Calder and Bob Quill"; see migration 012): who
 * the members are is read when speakers are listed (`speakerGroups`).
 */
export async function recordSpeakerGroups(tx: Queryable, speakers: Iterable<readonly [number, string]>): Promise<void> {
  const rows: Array<[number, string, number]> = [];
  for (const [id, name] of speakers) for (const k of groupPartKeys(name) ?? []) rows.push([id, k.key, k.tokens]);
  for (const part of chunks(rows, INSERT_CHUNK)) {
    await tx.query(
      `INSERT INTO speaker_group_parts (group_id, part_key, tokens)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING`,
      [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2])],
    );
  }
}

/**
 * Group speakers with their members: the parts that are known speakers (with statements of their
 * own). A part is known by any name form stored for a speaker (its aliases); a bare surname also
 * as the one full-named speaker with that surname, as a bare "Calder said" resolves. A group
 * counts only when each part is known or a full name ("Ruth Calder and Tom Vane": Tom Vane is
 * somebody, if never quoted alone): a bare word nobody is known by ("Procter & Gamble", a Calder
 * that two people share) makes it no group, so no one who shares one word of it gets its words.
 * Reads the group parts, aliases and speakers by their indexes, never the statements.
 */
export async function speakerGroups(q: Queryable): Promise<Map<number, string[]>> {
  const rows = await q.query<{ group_id: number | string; members: string[] | null; known: boolean }>(
    `WITH parts AS (
       SELECT p.group_id, p.part_key, p.tokens FROM speaker_group_parts p
       JOIN speakers g ON g.id = p.group_id WHERE g.statement_count > 0
     ), resolved AS (
       SELECT p.group_id, p.tokens, COALESCE(
         (SELECT min(a.speaker_id) FROM speaker_aliases a JOIN speakers m ON m.id = a.speaker_id
          WHERE a.alias_key = p.part_key AND m.statement_count > 0 AND m.id <> p.group_id),
         (SELECT min(m.id) FROM speakers m
          WHERE p.tokens = 1 AND m.surname_key = p.part_key AND m.tokens > 1 AND m.statement_count > 0 AND m.id <> p.group_id
          HAVING count(*) = 1)
       ) AS member_id
       FROM parts p
     )
     SELECT r.group_id, array_agg(DISTINCT m.name) FILTER (WHERE m.id IS NOT NULL) AS members,
       bool_and(m.id IS NOT NULL OR r.tokens > 1) AS known
     FROM resolved r LEFT JOIN speakers m ON m.id = r.member_id GROUP BY r.group_id`,
  );
  const out = new Map<number, string[]>();
  for (const r of rows) if (r.known && r.members?.length) out.set(Number(r.group_id), r.members);
  return out;
}

/** Records the parts of every stored group speaker (stored before migration 012). */
export async function recordStoredSpeakerGroups(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: number | string; name: string }>('SELECT id, name FROM speakers');
  await recordSpeakerGroups(tx, rows.map((r) => [Number(r.id), r.name] as const));
  // Only what the speakers list says changes: no statement is touched.
  return [];
}

async function createSpeaker(tx: Queryable, name: string, key: string, surname: string, tokens: number): Promise<number> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO speakers (name, name_key, surname_key, tokens) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name_key) DO NOTHING RETURNING id`,
    [name, key, surname, tokens],
  );
  if (inserted.length) return Number(inserted[0]!.id);
  const row = await tx.query<{ id: number }>('SELECT id FROM speakers WHERE name_key = $1', [key]);
  return Number(row[0]!.id);
}

/**
 * A full name arrived ("H.R. McMaster") while a bare "McMaster" was a speaker of its own: when
 * this is the only full name with that surname, they are one person and the bare one merges in.
 */
/** Merges the bare-surname speaker into `fullId`; returns the id it deleted, or null. */
async function absorbBareSurname(tx: Queryable, fullId: number, surname: string, effects: WriteEffects): Promise<number | null> {
  const bare = await tx.query<{ id: number }>("SELECT id FROM speakers WHERE name_key = $1 AND tokens = 1 AND surname_key <> ''", [surname]);
  if (!bare.length) return null;
  const full = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM speakers WHERE surname_key = $1 AND tokens > 1',
    [surname],
  );
  if (Number(full[0]!.n) !== 1) return null;
  const bareId = Number(bare[0]!.id);
  const moved = await tx.query<{ article_id: string; ordinal: number }>(
    'UPDATE statements SET speaker_id = $1 WHERE speaker_id = $2 RETURNING article_id, ordinal',
    [fullId, bareId],
  );
  for (const r of moved) effects.touched.add(statementId(r.article_id, Number(r.ordinal)));
  await tx.query('UPDATE speaker_aliases SET speaker_id = $1 WHERE speaker_id = $2', [fullId, bareId]);
  await tx.query('UPDATE speakers SET statement_count = statement_count + $2 WHERE id = $1', [fullId, moved.length]);
  await tx.query(
    `UPDATE speakers f SET roles = (f.roles || ARRAY(SELECT x FROM unnest(b.roles) AS x WHERE NOT x = ANY(f.roles)))[1:${MAX_ROLES}]
     FROM speakers b WHERE f.id = $1 AND b.id = $2`,
    [fullId, bareId],
  );
  await tx.query('DELETE FROM speakers WHERE id = $1', [bareId]);
  return bareId;
}

/**
 * When a surname is shared by several full-named speakers ("Jo Reed", "Tom Reed"), statements whose
 * extractor speaker was the bare surname ("Reed said", in an article that named no first name) and that
 * were merged into one of them while it was the only one, go back to a speaker of their own, "Reed";
 * and the alias "Reed" no longer points at one of them. Without this the result depended on the order
 * articles arrived in: a bare "Reed" seen before Jo Reed's article stayed Tom Reed's words (QA6b B2).
 */
async function splitSharedSurnames(tx: Queryable, surnames: readonly string[], effects: WriteEffects): Promise<void> {
  if (!surnames.length) return;
  const shared = await tx.query<{ surname_key: string }>(
    `SELECT surname_key FROM speakers WHERE tokens > 1 AND surname_key = ANY($1::text[])
     GROUP BY surname_key HAVING count(*) > 1`,
    [surnames],
  );
  for (const { surname_key: surname } of shared) {
    const owners = (await tx.query<{ id: number }>('SELECT id FROM speakers WHERE tokens > 1 AND surname_key = $1', [surname])).map((r) => Number(r.id));
    const rows = await tx.query<{ article_id: string; ordinal: number; speaker_raw: string; speaker_id: number; speaker_role: string | null }>(
      `SELECT article_id, ordinal, speaker_raw, speaker_id, speaker_role FROM statements
       WHERE speaker_id = ANY($1::bigint[]) AND speaker_raw IS NOT NULL AND position(' ' in trim(speaker_raw)) = 0`,
      [owners],
    );
    const moved = rows.filter((r) => {
      const k = speakerNameKey(r.speaker_raw);
      return k !== null && k.tokens === 1 && k.key === surname;
    });
    const aliases = await tx.query<{ alias: string }>('SELECT alias FROM speaker_aliases WHERE alias_key = $1 AND speaker_id = ANY($2::bigint[])', [surname, owners]);
    if (!moved.length && !aliases.length) continue;
    const name = moved[0]?.speaker_raw ?? aliases[0]!.alias;
    const bareId = await createSpeaker(tx, name, surname, surname, 1);
    if (moved.length) {
      await tx.query(
        `UPDATE statements s SET speaker_id = $1 FROM unnest($2::text[], $3::int[]) AS m(a, o)
         WHERE s.article_id = m.a AND s.ordinal = m.o`,
        [bareId, moved.map((r) => r.article_id), moved.map((r) => Number(r.ordinal))],
      );
      await countSpeakerStatements(tx, moved.map((r) => Number(r.speaker_id)), -1);
      await countSpeakerStatements(tx, moved.map(() => bareId), 1);
      await rolesFromStatements(tx, bareId);
      // The roles those statements gave the full-named speakers go with them.
      await pruneSpeakerRoles(tx, moved.flatMap((r) => (r.speaker_role ? [[Number(r.speaker_id), r.speaker_role] as const] : [])));
      for (const r of moved) effects.touched.add(statementId(r.article_id, Number(r.ordinal)));
    }
    await tx.query('UPDATE speaker_aliases SET speaker_id = $1 WHERE alias_key = $2 AND speaker_id = ANY($3::bigint[])', [bareId, surname, owners]);
  }
}

/** How many roles a speaker keeps (appositions are free text: a prolific speaker gathers many). */
const MAX_ROLES = 50;

/** Adds the roles statements gave their speakers to the speakers' role lists (see migration 011). */
export async function addSpeakerRoles(tx: Queryable, pairs: Iterable<readonly [number, string]>): Promise<void> {
  const ids: number[] = [];
  const roles: string[] = [];
  const seen = new Set<string>();
  for (const [id, role] of pairs) {
    const key = `${id}\u0000${role}`;
    if (!role.trim() || seen.has(key)) continue;
    seen.add(key);
    ids.push(id);
    roles.push(role);
  }
  if (!ids.length) return;
  await tx.query(
    `UPDATE speakers sp SET roles = (sp.roles || ARRAY(SELECT DISTINCT x FROM unnest(n.new) AS x WHERE NOT x = ANY(sp.roles)))[1:${MAX_ROLES}]
     FROM (SELECT id, array_agg(role) AS new FROM unnest($1::bigint[], $2::text[]) AS t(id, role) GROUP BY id) n
     WHERE sp.id = n.id AND cardinality(sp.roles) < ${MAX_ROLES} AND NOT n.new <@ sp.roles`,
    [ids, roles],
  );
}

/**
 * Roles follow the statements that remain. `pairs`: (speaker, role) of statements deleted or moved
 * to another speaker, called once the write's new statements are in: a role no statement of the
 * speaker still has leaves its list, in the same transaction. A list that was full (MAX_ROLES) is
 * read again from the statements, as a role the cap left out may now fit. One probe of the
 * (speaker_id, speaker_role) index per pair (migration 013).
 */
export async function pruneSpeakerRoles(tx: Queryable, pairs: Iterable<readonly [number, string]>): Promise<void> {
  const ids: number[] = [];
  const roles: string[] = [];
  const seen = new Set<string>();
  for (const [id, role] of pairs) {
    const key = `${id}\u0000${role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ids.push(id);
    roles.push(role);
  }
  if (!ids.length) return;
  const gone = await tx.query<{ id: number | string; role: string; full: boolean }>(
    `SELECT g.id, g.role, cardinality(sp.roles) >= ${MAX_ROLES} AS full
     FROM unnest($1::bigint[], $2::text[]) AS g(id, role) JOIN speakers sp ON sp.id = g.id
     WHERE g.role = ANY(sp.roles)
       AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = g.id AND s.speaker_role = g.role)`,
    [ids, roles],
  );
  const full = new Set<number>();
  const lost = new Map<number, string[]>();
  for (const r of gone) {
    const id = Number(r.id);
    if (r.full) full.add(id);
    else lost.set(id, [...(lost.get(id) ?? []), r.role]);
  }
  if (lost.size) {
    await tx.query(
      `UPDATE speakers sp SET roles = ARRAY(SELECT x FROM unnest(sp.roles) WITH ORDINALITY AS t(x, i) WHERE NOT x = ANY(l.roles) ORDER BY i)
       FROM (SELECT id, array_agg(role) AS roles FROM unnest($1::bigint[], $2::text[]) AS u(id, role) GROUP BY id) l
       WHERE sp.id = l.id`,
      [[...lost].flatMap(([id, rs]) => rs.map(() => id)), [...lost].flatMap(([, rs]) => rs)],
    );
  }
  for (const id of full) await rolesFromStatements(tx, id);
}

/** The roles of the statements a speaker now has, for one whose statements moved to it. */
async function rolesFromStatements(tx: Queryable, speakerId: number): Promise<void> {
  await tx.query(
    `UPDATE speakers SET roles = ARRAY(SELECT DISTINCT speaker_role FROM statements
       WHERE speaker_id = $1 AND speaker_role IS NOT NULL ORDER BY speaker_role LIMIT ${MAX_ROLES})
     WHERE id = $1`,
    [speakerId],
  );
}

/** Adds (or with negative numbers removes) statements to speakers' counts. */
export async function countSpeakerStatements(tx: Queryable, speakerIds: Iterable<number | null>, sign: 1 | -1): Promise<void> {
  const counts = new Map<number, number>();
  for (const id of speakerIds) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + sign);
  if (!counts.size) return;
  await tx.query(
    `UPDATE speakers sp SET statement_count = sp.statement_count + c.n
     FROM unnest($1::bigint[], $2::int[]) AS c(id, n) WHERE sp.id = c.id`,
    [[...counts.keys()], [...counts.values()]],
  );
}

/**
 * Bumped when the rules for which speakers are identities change: at start a store stamped with
 * another version applies every re-check below (each finds nothing to do on speakers already
 * right, so a store several versions behind gets them all).
 * 'generic-descriptions-v1': generic descriptions are not speakers (detachGenericSpeakers).
 * 'shared-surnames-v1': a bare surname two full-named speakers share is neither's (splitStoredSharedSurnames).
 * 'speaker-groups-v1': group speakers ("Ruth Calder and Bob Quill") know their parts (recordStoredSpeakerGroups).
 */
export const SPEAKER_RULES_VERSION = 'speaker-groups-v1';

/**
 * Speakers stored before a bare surname stopped being merged into one of two people sharing it
 * (QA6b B2): a bare "Reed" merged into Tom Reed while he was the only Reed stayed his after Jo Reed
 * arrived, until a new full name with that surname came in. Applies splitSharedSurnames to every
 * surname two full-named speakers share. Statements keep their ids; only their speaker changes.
 * Returns the statement ids touched (for the change feed).
 */
export async function splitStoredSharedSurnames(tx: Queryable): Promise<string[]> {
  const shared = await tx.query<{ surname_key: string }>(
    `SELECT surname_key FROM speakers WHERE tokens > 1 AND surname_key <> ''
     GROUP BY surname_key HAVING count(*) > 1 ORDER BY surname_key`,
  );
  const effects: WriteEffects = { touched: new Set(), clusters: new Set() };
  await splitSharedSurnames(tx, shared.map((r) => r.surname_key), effects);
  return [...effects.touched];
}

/**
 * Speakers stored before generic descriptions lost their identity ("Officials" merged across
 * articles): their statements keep the name as written and leave the speaker. Returns the
 * statement ids touched (for the change feed).
 */
export async function detachGenericSpeakers(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: number | string; name: string; aliases: string[] | null }>(
    `SELECT sp.id, sp.name, array_agg(a.alias) FILTER (WHERE a.alias IS NOT NULL) AS aliases
     FROM speakers sp LEFT JOIN speaker_aliases a ON a.speaker_id = sp.id
     WHERE sp.statement_count > 0 GROUP BY sp.id, sp.name`,
  );
  const ids = rows.filter((r) => isGenericSpeaker(r.name, { mentions: r.aliases ?? [] })).map((r) => Number(r.id));
  if (!ids.length) return [];
  const moved = await tx.query<{ article_id: string; ordinal: number }>(
    'UPDATE statements SET speaker_id = NULL WHERE speaker_id = ANY($1::bigint[]) RETURNING article_id, ordinal',
    [ids],
  );
  await tx.query("UPDATE speakers SET statement_count = 0, roles = '{}' WHERE id = ANY($1::bigint[])", [ids]);
  return moved.map((r) => statementId(r.article_id, Number(r.ordinal)));
}
