/**
 * An article as loaded and normalised by `src/ingest/`.
 *
 * `text` is the normalised text, one paragraph a line ("\n" between paragraphs, no blank lines);
 * every offset anywhere in factbot (statements, highlights) points into this string.
 */
export interface Article {
  /** Stable id: derived from the URL when there is one, else from the content hash. */
  id: string;
  /** Given by the source, or derived from the first sentence of the text. */
  title: string;
  /** The publisher ("The Washington Post"), canonical; null when unknown. */
  outlet: string | null;
  url: string | null;
  /** ISO 8601 date or date-time; null when unknown. */
  published: string | null;
  author: string | null;
  text: string;
  /** Where it came from: a path relative to the data folder, or the URL fetched. */
  source: string;
  /** sha256 of `text` plus metadata: a changed file replaces the stored article. */
  contentHash: string;
  /**
   * What makes a later version of this article replace it even when its id changes: set by ingest
   * only for a file that holds exactly one article (.txt, .md, .html, a single-object .json) = the
   * file's real absolute path (symlinks resolved), so `ingest data/articles`, `ingest
   * data/articles/x.txt` and the folder loaded at start give the same key. A fetched feed's item
   * with a guid has `feed-item:<feed URL>#<guid>`, so an edited item whose link changed replaces
   * its earlier version. Null or absent for collection records (JSON arrays, JSON Lines, feeds
   * saved as files) and web pages (their id is the URL).
   * The store deletes any other article with the same non-null key when it stores this one.
   */
  sourceKey?: string | null;
}

/** What a reply needs to show an article: never the whole text. */
export interface ArticleRef {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
}

export function articleRef(a: Article): ArticleRef {
  return { id: a.id, title: a.title, outlet: a.outlet, url: a.url, published: a.published };
}

/** One file or record that could not be loaded: a clear line for the user, never a crash. */
export interface IngestError {
  source: string;
  reason: string;
  /**
   * The source did load; this says how it was read (bytes replaced in decoding, a page too complex
   * for readability). Shown, but not counted as a failure: no exit code 1, no "could not load".
   */
  warning?: boolean;
}

/** The problems that kept a source from loading (warnings left out). */
export function failures(errors: readonly IngestError[]): IngestError[] {
  return errors.filter((e) => !e.warning);
}

/** How a problem is shown: a warning as a note, a failure as what it is. */
export function describeProblem(e: IngestError): string {
  return e.warning ? `${e.source}: note: ${e.reason}` : `${e.source}: ${e.reason}`;
}
