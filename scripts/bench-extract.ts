/**
 * Extraction speed: MB of article text per second on one core (target ≥ 1 MB/s).
 *
 *   node --import tsx scripts/bench-extract.ts [FILE.jsonl|FOLDER ...]
 *
 * With no argument it runs over the shipped seed articles in data/articles, repeated until about 4 MB
 * have been processed; with JSON Lines files (records with `text`) or folders it runs over those.
 * Prints one line, `extract_mb_per_s=…`, last, for scripts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/domain/article.js';
import { extractStatements } from '../src/extract/index.js';
import { normaliseText } from '../src/ingest/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function textsFrom(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((f) => textsFrom(join(path, f)));
  const raw = readFileSync(path, 'utf8');
  if (path.endsWith('.jsonl')) {
    return raw.split('\n').filter(Boolean).map((l) => String((JSON.parse(l) as { text?: unknown }).text ?? ''));
  }
  return path.endsWith('.txt') || path.endsWith('.md') ? [raw] : [];
}

const args = process.argv.slice(2);
const texts = (args.length > 0 ? args : [join(root, 'data', 'articles')]).flatMap(textsFrom).map(normaliseText).filter(Boolean);
const articles: Article[] = texts.map((text, i) => ({ id: String(i), title: '', outlet: null, url: null, published: null, author: null, text, source: '', contentHash: '' }));
const bytesPerPass = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const passes = Math.max(1, Math.ceil(4e6 / bytesPerPass));

for (const a of articles.slice(0, 50)) extractStatements(a); // warm up the JIT
let statements = 0;
// CPU time of this (single-threaded) process: the machine may be shared, wall time is not one core's work
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let p = 0; p < passes; p++) for (const a of articles) statements += extractStatements(a).length;
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
const seconds = (cpu.user + cpu.system) / 1e6;
const mb = (bytesPerPass * passes) / 1e6;
console.log(`${articles.length} articles × ${passes} passes, ${mb.toFixed(1)} MB, ${statements} statements in ${seconds.toFixed(2)} s CPU (${wall.toFixed(2)} s wall)`);
const rate = `extract_mb_per_s=${(mb / seconds).toFixed(2)}`;

// adversarial text must stay linear: one long paragraph of cues, unbalanced quotes, endless appositions
const adversarial: Record<string, string> = {
  'cues without punctuation': 'he said that '.repeat(50_000),
  'unbalanced quotes': '"a b c '.repeat(30_000),
  'endless appositions': 'Smith, a b, '.repeat(30_000) + 'said.',
  'one long name': 'John Smith '.repeat(50_000) + 'said hi.',
};
for (const [name, text] of Object.entries(adversarial)) {
  const c1 = process.cpuUsage();
  extractStatements({ id: name, title: '', outlet: null, url: null, published: null, author: null, text, source: '', contentHash: '' });
  const u = process.cpuUsage(c1);
  console.log(`adversarial ${name}: ${(text.length / 1e6).toFixed(2)} MB in ${((u.user + u.system) / 1e6).toFixed(2)} s CPU`);
}
console.log(rate);
