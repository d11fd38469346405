import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { decodeText } from './decode.js';
import { formatOfPath, parseContent } from './formats/index.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_COLLECTION_BYTES, emptyResult, mergeInto, type LoadOptions, type LoadResult } from './types.js';

/**
 * Files and folders → articles. Folders are walked recursively in name order; files of other
 * extensions, hidden files and folders, `node_modules` and the store's own folders (`data/db`,
 * `data/index`) are skipped quietly. Every problem with one file is an IngestError naming it.
 */

/** Folder names never walked into: the store's database and search index live under data/. */
const STORE_DIRS = new Set(['db', 'index']);

function toSource(path: string, baseDir: string | undefined): string {
  const rel = baseDir === undefined ? path : relative(baseDir, path) || basename(path);
  return rel.split(sep).join('/');
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return `cannot be read (${err instanceof Error ? err.message : String(err)})`;
  }
}

export async function loadPathImpl(path: string, opts: LoadOptions = {}): Promise<LoadResult> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    let reason = describeFsError(err);
    // "example.com/story" was meant as a web page: say how to give one.
    if (/^(www\.)?[\w-]+(\.[\w-]+)+\//i.test(path) && reason === 'no such file or folder') reason += ' (for a web page, give the full http(s):// URL)';
    return { articles: [], errors: [{ source: toSource(path, opts.baseDir), reason }] };
  }
  if (info.isDirectory()) {
    const result = emptyResult();
    const root = resolve(path);
    await walk(root, { root, baseDir: opts.baseDir === undefined ? root : resolve(opts.baseDir), opts, result, seen: new Set() });
    return result;
  }
  const source = opts.baseDir === undefined ? toSource(path, undefined) : toSource(resolve(path), resolve(opts.baseDir));
  if (!formatOfPath(path)) {
    return { articles: [], errors: [{ source, reason: 'unsupported file type (expected .txt, .md, .html, .json, .jsonl, or a .rss/.atom/.xml feed)' }] };
  }
  return loadFile(path, source, opts);
}

interface Walk {
  /** The folder loaded. */
  root: string;
  /** Sources are relative to this. */
  baseDir: string;
  opts: LoadOptions;
  result: LoadResult;
  /** Real paths of folders already walked: symlink loops end. */
  seen: Set<string>;
}

async function walk(dir: string, w: Walk): Promise<void> {
  const { baseDir, opts, result, seen } = w;
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (seen.has(real)) return; // a symlink loop
    seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    result.errors.push({ source: toSource(dir, baseDir), reason: describeFsError(err) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // a dangling link is not a file of ours
      }
    }
    if (isDir) {
      if (isStoreDir(dir, entry.name, w.root)) continue;
      await walk(full, w);
    } else if (isFile && formatOfPath(entry.name)) {
      mergeInto(result, await loadFile(full, toSource(full, baseDir), opts));
    }
  }
}

/** `db` / `index` directly inside a folder named `data`, or directly inside the folder loaded. */
function isStoreDir(parent: string, name: string, root: string): boolean {
  return STORE_DIRS.has(name) && (basename(parent) === 'data' || parent === root);
}

async function loadFile(path: string, source: string, opts: LoadOptions): Promise<LoadResult> {
  const format = formatOfPath(path);
  if (!format) return { articles: [], errors: [{ source, reason: 'unsupported file type' }] };
  const collection = format === 'json' || format === 'jsonl' || format === 'feed';
  const maxBytes = collection ? (opts.maxCollectionBytes ?? DEFAULT_MAX_COLLECTION_BYTES) : (opts.maxBytes ?? DEFAULT_MAX_BYTES);
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { articles: [], errors: [{ source, reason: `file too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})` }] };
      bytes = new Uint8Array(size);
      let read = 0;
      while (read < size) {
        const { bytesRead } = await handle.read(bytes, read, size - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      bytes = bytes.subarray(0, read);
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { articles: [], errors: [{ source, reason: describeFsError(err) }] };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { articles: [], errors: [{ source, reason: decoded.reason }] };
  if (!decoded.text.trim()) return { articles: [], errors: [{ source, reason: 'empty file' }] };
  try {
    return withWarning(await withSourceKey(await parseContent(format, decoded.text, source), format, path, source), source, decoded.warning);
  } catch (err) {
    // Parsers report their own errors; this is the last guard so one file never stops a load.
    return { articles: [], errors: [{ source, reason: `cannot be parsed (${err instanceof Error ? err.message : String(err)})` }] };
  }
}

/**
 * A file read despite a problem (bytes replaced in decoding, a page too complex for readability)
 * says so on the load-error path, the only one ingest reports through (CLI, start-up summary, the
 * folder watcher): its articles still load.
 */
export function withWarning(result: LoadResult, source: string, warning: string | undefined): LoadResult {
  if (warning) result.errors.push({ source, reason: warning, warning: true });
  return result;
}

/**
 * A file that holds exactly one article (.txt, .md, .html, a single-object .json) is keyed by its
 * real absolute path: an edited file then replaces its earlier version in the store although its
 * text-derived id changed, however the file was named (folder or path, relative or absolute,
 * through a symlink). Collection records (arrays, JSON Lines) keep no key: their records come and
 * go independently. A record that brought its own key (a hand-over from `factbot ingest`) keeps it.
 */
async function withSourceKey(result: LoadResult, format: string, path: string, source: string): Promise<LoadResult> {
  // A JSON object or a wire XML document (NITF) holds one article: its source is the file's own.
  const single =
    format === 'txt' || format === 'markdown' || format === 'html' || ((format === 'json' || format === 'feed') && result.articles.length === 1 && result.articles[0]!.source === source);
  let key: string | null = null;
  if (single) key = await realpath(path).catch(() => resolve(path));
  for (const a of result.articles) if (a.sourceKey === undefined) a.sourceKey = key;
  return result;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}
