import type { ArticleRef, IngestError } from '../domain/article.js';
import type { Corroboration, Range } from '../domain/reply.js';
import type { StoredStatement } from '../domain/statement.js';
import type { SearchFilters, SearchQuery } from '../search/types.js';
import type { SpeakerInfo, StoredArticleInfo } from '../store/types.js';
import type { WordStats } from './claim-match.js';

/**
 * The corpus as commands see it: the store, the search index kept in step with it, and the
 * corroboration counts. Commands never touch the index or SQL directly.
 */
export interface Corpus {
  /**
   * Parses the query (filters, phrases, length limit), searches, ranks and groups by quote cluster.
   * `filters` are merged over those typed in the query (a command's `speaker` option wins).
   */
  search(
    query: string | SearchQuery,
    opts: { offset?: number; limit: number; filters?: SearchFilters },
  ): Promise<SearchPage>;
  suggestSpeakers(partial: string, limit: number): Promise<string[]>;
  suggestQuotes(partial: string, limit: number): Promise<Array<{ id: string; quote: string }>>;
  /** Canonical name for what the user typed ("mcmaster" → "H.R. McMaster"), or null. */
  resolveSpeaker(name: string): Promise<string | null>;
  /**
   * For a typed name that is no speaker's, the speaker it may describe by role ("the president"
   * → Donald Trump, "President"), most quoted first, with the others the role fits; or null.
   */
  speakerByRole(typed: string): Promise<{ name: string; role: string; others: string[] } | null>;
  speakers(): Promise<SpeakerInfo[]>;
  corroboration(statement: StoredStatement): Promise<Corroboration>;
  article(id: string): Promise<ArticleRef | null>;
  articlesSince(since: Date | null, limit?: number): Promise<StoredArticleInfo[]>;
  /** Loads files, folders or URLs into the store; the index sees them as soon as this returns. */
  ingest(sources: readonly string[]): Promise<IngestReport>;
  stats(): Promise<{ articles: number; statements: number; speakers: number }>;
  /**
   * How many statements contain each content word (by `wordStem`), so /sources can weigh a
   * claim's words by rarity. Optional: without it every word weighs the same.
   */
  wordStats?(): Promise<WordStats>;
}

export interface SearchResult {
  statement: StoredStatement;
  article: ArticleRef;
  score: number;
  highlights: Range[];
  corroboration: Corroboration;
}

export interface SearchPage {
  query: SearchQuery;
  /** This page of results, one per quote cluster, best first. */
  results: SearchResult[];
  /** All grouped results that matched (so a page can say "12 more"). */
  total: number;
  offset: number;
  /**
   * Set when nothing matched because the query's `outlet:` names no outlet in the corpus: the
   * value as typed and close outlet names (its notice is also in `query.notices`).
   */
  unknownOutlet?: { name: string; close: string[] };
}

export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  statements: number;
  errors: IngestError[];
}
