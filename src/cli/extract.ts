/**
 * `factbot extract FILE… [--json]`: statements, quotes, speakers and outlets of article files.
 *
 * With --json: one JSON object per input file, in input order, one a line — the contract the scorer and
 * other tools read. A file that fails to load still gets its line (`{ file, error, statements: [] }`) so
 * that line N belongs to input N; its reason also goes to stderr, and the exit code is 1. An input that
 * holds several articles (a folder, a JSON Lines file) gives one line per article, each naming the input.
 */
import { articleRef, describeProblem, failures, type Article } from '../domain/article.js';
import { statementJson, type Statement } from '../domain/statement.js';
import { extractStatements } from '../extract/index.js';
import { loadPath } from '../ingest/index.js';

export interface ExtractOptions {
  json: boolean;
}

const write = (s: string): void => {
  process.stdout.write(s);
};

export async function runExtract(files: string[], opts: ExtractOptions): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const { articles, errors } = await loadPath(file);
    for (const e of errors) process.stderr.write(`factbot extract: ${describeProblem(e)}\n`);
    if (articles.length === 0) {
      failed++;
      const reason = errors.map((e) => e.reason).join('; ') || 'no article found';
      if (errors.length === 0) process.stderr.write(`factbot extract: ${file}: ${reason}\n`);
      if (opts.json) write(JSON.stringify({ file, error: reason, statements: [] }) + '\n');
      continue;
    }
    if (failures(errors).length > 0) failed++;
    // one line per article: a plain file is one article (one line), a folder or a JSON Lines file
    // holding several gives one line for each, all naming the input they came from
    for (const article of articles) {
      const statements = extractStatements(article);
      if (opts.json) write(JSON.stringify({ file, article: articleRef(article), statements: statements.map(statementJson) }) + '\n');
      else write(listing(file, article, statements));
    }
  }
  return failed > 0 ? 1 : 0;
}

function listing(file: string, a: Article, statements: readonly Statement[]): string {
  const lines: string[] = [];
  lines.push(`${file}: ${a.title}${a.outlet ? ` (${a.outlet})` : ''}`);
  const quoted = statements.filter((s) => s.kind !== 'statement');
  lines.push(`  ${statements.length} statements, ${quoted.length} attributed`);
  for (const s of quoted) {
    const who = s.speaker ?? (s.speakerMention ? `${s.speakerMention} (unresolved)` : 'unknown speaker');
    const role = s.speakerRole ? `, ${s.speakerRole}` : '';
    const outlet = s.outlet ? ` [to/by ${s.outlet}]` : '';
    const q = s.kind === 'direct' ? `"${s.quote ?? ''}"` : s.quote ?? '';
    lines.push(`  ¶${s.paragraph} ${s.kind.padEnd(8)} ${who}${role}${outlet} ${s.cue ?? '-'}: ${q}`);
  }
  return lines.join('\n') + '\n\n';
}
