import type { Article } from '../domain/article.js';
import type { Statement, StoredStatement } from '../domain/statement.js';
import type { Platform } from '../domain/command.js';

/**
 * The store: one schema on two engines (embedded PGlite under data/, or a PostgreSQL server when
 * DATABASE_URL is set). Everything the bot must not lose lives here; the search index is derived
 * from it and can always be rebuilt.
 */
export interface Store {
  readonly engine: 'pglite' | 'postgres';

  /**
   * Stores an article and its statements in one transaction, replacing an earlier version of the
   * same article id. Assigns quote clusters (the same quote in other articles) and canonical
   * speakers. Same content hash as stored: nothing is written, status 'unchanged'.
   */
  upsertArticle(article: Article, statements: Statement[]): Promise<UpsertResult>;
  /**
   * The bulk path: many articles in one transaction with multi-row inserts, results in input
   * order; all or nothing. Optional so small fakes need not implement it (the real store does).
   */
  upsertArticles?(batch: ReadonlyArray<{ article: Article; statements: Statement[] }>): Promise<UpsertResult[]>;
  deleteArticle(id: string): Promise<boolean>;

  getArticle(id: string): Promise<Article | null>;
  /**
   * Newest first by ingest time; `since` filters on ingest time, `changedSince` on when the text
   * last changed (`textChangedAt`: corrected articles).
   */
  listArticles(opts?: { since?: Date; changedSince?: Date; limit?: number }): Promise<StoredArticleInfo[]>;
  countArticles(): Promise<number>;
  countStatements(): Promise<number>;

  getStatements(articleId: string): Promise<StoredStatement[]>;
  getStatementsByIds(ids: readonly string[]): Promise<StoredStatement[]>;
  /**
   * For each of these articles, the statements a correction after `after` brought in (sentences no
   * earlier version had), in article order; articles with none are not in the map. Optional so
   * small fakes need not implement it (the real store does).
   */
  changedStatements?(articleIds: readonly string[], after: Date): Promise<Map<string, StoredStatement[]>>;
  /** Every statement, in batches, for building the search index. */
  iterateStatements(batchSize?: number): AsyncIterable<StoredStatement[]>;

  /**
   * Statements in a cluster, one per distinct article text (two stored copies of one text, e.g. a
   * page ingested as a file and from its URL, or one wire story on three sites, count once),
   * earliest article first. The other copies are on the member (`copies`): one report, whose
   * publishers are still named.
   */
  getCluster(clusterId: string): Promise<ClusterMember[]>;
  /**
   * getCluster for several clusters in one indexed query (an answer's page of results); every
   * id asked for is in the map (an unknown one with no members). Optional so small fakes need not
   * implement it (the real store does).
   */
  getClusters?(clusterIds: readonly string[]): Promise<Map<string, ClusterMember[]>>;
  /**
   * For each of these articles, the other stored articles with the same text (syndicated copies:
   * one wire story printed word for word by several sites, or a page stored from a file and from
   * its URL), earliest stored first; an article without copies is not in the map. One query by
   * the text-hash index. Optional so small fakes need not implement it (the real store does).
   */
  textCopies?(articleIds: readonly string[]): Promise<Map<string, StoredArticleInfo[]>>;
  /** clusterId → number of distinct article texts, for every cluster with more than one. */
  clusterSizes(): Promise<Map<string, number>>;

  /** Canonical speaker names with their aliases and how many statements each has. */
  speakers(): Promise<SpeakerInfo[]>;
  /**
   * Speakers described by a role ("president", "national security adviser"): statements whose
   * role holds it as whole words ("US president", "president of France"), most statements first.
   * `role` is lowercase.
   */
  speakersWithRole(role: string, limit: number): Promise<SpeakerRole[]>;

  /**
   * The change feed: every upsert or delete bumps a monotonic sequence. A search index remembers
   * the last sequence it applied and asks for what came after (also after a restart). To build
   * from scratch, read currentSeq() before iterateStatements() and then apply changesSince(it):
   * changes made meanwhile are applied twice, never missed. `upserted` replaces what the reader
   * holds for those ids (their cluster or canonical speaker may be all that changed).
   */
  changesSince(seq: number): Promise<ChangeBatch>;
  currentSeq(): Promise<number>;
  /** Called when another process (PostgreSQL LISTEN/NOTIFY) or this one changed the corpus. */
  onChange(listener: (seq: number) => void): () => void;

  // Digests (subscriptions live here so a restart resumes them).
  addSubscription(sub: NewSubscription): Promise<Subscription>;
  removeSubscription(id: number): Promise<boolean>;
  listSubscriptions(filter?: { platform?: Platform; channelId?: string }): Promise<Subscription[]>;
  /**
   * Claims one (subscription, slot) before posting. Returns false when any process already
   * claimed it: exactly-once posting rests on this being atomic in the database.
   */
  claimDigestSlot(subscriptionId: number, slot: Date): Promise<boolean>;
  recordDigestRun(run: DigestRunResult): Promise<void>;
  /**
   * Claims a platform event (`slack:event:Ev…`) for `ttlMs`: false when any process on this
   * database claimed it within that time. What answers a retried delivery once across processes.
   */
  claimEvent(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Keeps the state behind an answer's buttons (`discord:page:…`) for `ttlMs`, for every process
   * on this database and across restarts. Read back as `unknown`: the reader validates it.
   */
  saveInteractionState(key: string, state: unknown, ttlMs: number): Promise<void>;
  /** The state saved under `key`; undefined when unknown or expired. */
  loadInteractionState(key: string): Promise<unknown>;
  lastDigestRun(subscriptionId: number, opts?: { postedOnly?: boolean }): Promise<DigestRun | null>;

  close(): Promise<void>;
}

export interface UpsertResult {
  articleId: string;
  status: 'added' | 'updated' | 'unchanged';
  statements: number;
  seq: number;
}

export interface StoredArticleInfo {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  source: string;
  /** When this article id was first stored; a changed version keeps it (it is not a new article). */
  ingestedAt: string;
  statements: number;
  /**
   * When its text or title last changed after the first version was stored (a correction: an
   * edited file, a changed page); null when never. A newer extractor re-reading the same text, or
   * a metadata change, does not move it. Optional so small fakes may leave it out; the store sets it.
   */
  textChangedAt?: string | null;
}

export interface ClusterMember {
  statementId: string;
  articleId: string;
  /** Who this article says spoke the words (canonical name; null when it does not say). */
  speaker: string | null;
  outlet: string | null;
  published: string | null;
  ingestedAt: string;
  /**
   * The other stored articles with this member's text (syndicated wire copy published by several
   * sites, or one page stored from a file and from its URL), earliest first: the same report, not
   * counted again, but they carried it. Optional so small fakes may leave it out; the store
   * always sets it (empty when there are none).
   */
  copies?: readonly ClusterCopy[];
}

/** Another stored article with a cluster member's text, and its statement in the cluster. */
export interface ClusterCopy {
  statementId: string;
  articleId: string;
  /** The copy's publisher. */
  outlet: string | null;
}

export interface SpeakerRole {
  name: string;
  /** The role as one of the statements writes it ("National Security Adviser"). */
  role: string;
  statements: number;
}

export interface SpeakerInfo {
  name: string;
  aliases: string[];
  statements: number;
  /**
   * For a group speaker ("Ruth Calder and Bob Quill", one speaker to the extractor): the known
   * speakers it names (see speakerGroups in src/store/speakers.ts). Absent for everyone else.
   */
  members?: string[];
}

export interface ChangeBatch {
  /** The sequence this batch brings the reader up to. */
  seq: number;
  upserted: StoredStatement[];
  /** Statement ids that no longer exist (article deleted or replaced). */
  removed: string[];
  /** Clusters whose size changed, with the new size. */
  clusterSizes: Map<string, number>;
}

export interface NewSubscription {
  platform: Platform;
  channelId: string;
  teamId?: string | null;
  /** Croner pattern (5 or 6 fields). */
  cron: string;
  /** What the user typed ("daily 09:00"), for display. */
  schedule: string;
  timezone: string;
  createdBy: string;
  /** Declared by the operator in DIGEST_SCHEDULES rather than by a user. */
  fromConfig?: boolean;
}

export interface Subscription extends Required<Omit<NewSubscription, 'teamId' | 'fromConfig'>> {
  id: number;
  teamId: string | null;
  fromConfig: boolean;
  createdAt: string;
}

export interface DigestRunResult {
  subscriptionId: number;
  slot: Date;
  status: 'posted' | 'empty' | 'failed';
  /** Articles covered up to this ingest time. */
  coveredUntil: Date;
  attempts: number;
  error?: string | null;
}

export interface DigestRun extends DigestRunResult {
  finishedAt: string;
  /**
   * When the run claimed its slot, just before it read the corpus: what it showed is the corpus as
   * of then (corrections after it are news to the next digest). Optional for fakes; the store sets it.
   */
  claimedAt?: string;
}
