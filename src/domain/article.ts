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
}
