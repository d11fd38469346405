import type { StatementKind } from '../domain/statement.js';
import type { Range } from '../domain/reply.js';

/** What the index holds of one statement: only what search, filters and ranking need. */
export interface IndexedStatement {
  id: string;
  articleId: string;
  clusterId: string;
  kind: StatementKind;
  /** The quoted or reported words; null for plain statements. */
  quote: string | null;
  text: string;
  /** Canonical speaker name and every alias it is known by. */
  speaker: string | null;
  speakerAliases: readonly string[];
  outlet: string | null;
  articleTitle: string;
  articleOutlet: string | null;
}

/** Which statements a query may return, applied inside the index, not after it. */
export interface SearchFilters {
  /** A canonical speaker name or alias, matched loosely ("mcmaster"). */
  speaker?: string;
  /** The outlet the words were told to, or the article's publisher. */
  outlet?: string;
  /** `quote` means direct or mixed. */
  kind?: 'quote' | StatementKind;
  articleId?: string;
}

/** A parsed query: `src/search/query.ts` turns user text into this. */
export interface SearchQuery {
  /** The free words, typos and all. May be empty when filters alone select. */
  text: string;
  /** Exact phrases the user put in double quotes: each must appear verbatim (case-insensitive). */
  phrases: string[];
  filters: SearchFilters;
  /** Things the user should be told ("cut to 500 characters", "unknown filter foo:"). */
  notices: string[];
}

export interface SearchHit {
  id: string;
  /** fuse.js-style relevance: 0 is a perfect match, 1 no match at all. */
  score: number;
  /** Matched character ranges in the statement's quote (or text when it has no quote). */
  highlights: Range[];
}

export interface SearchOptions {
  limit: number;
  /**
   * Only the best `prove` hits must be the exact top (default: all `limit`); the rest, up to
   * `limit`, may be the best of the statements the index looked at. For callers that reorder a
   * long list by other signals (the corpus ranks 200 candidates by word coverage and shows five):
   * at a million statements proving 200 costs up to ten times proving ten.
   */
  prove?: number;
}

/**
 * The fuzzy index over statements. Kept in memory, updated incrementally from the store's change
 * feed, persisted to disk so a restart does not rebuild it.
 */
export interface SearchIndex {
  readonly size: number;
  add(docs: readonly IndexedStatement[]): void;
  remove(ids: readonly string[]): void;
  get(id: string): IndexedStatement | undefined;
  /** Best first; relevance only: ranking by kind and corroboration is `src/search/rank.ts`. */
  search(query: SearchQuery, opts: SearchOptions): SearchHit[];
  /** Speaker names (canonical) starting with or fuzzily matching `partial`. */
  suggestSpeakers(partial: string, limit: number): string[];
  /** Quote texts matching what the user has typed so far. */
  suggestQuotes(partial: string, limit: number): Array<{ id: string; quote: string }>;
  /**
   * The outlet names statements were told to or published by, as stored (for "did you mean" after
   * an unknown `outlet:`; may still hold outlets whose statements were removed since).
   */
  outletNames?(): string[];
}
