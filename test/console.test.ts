import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepl } from '../src/platforms/console/repl.js';
import { renderReply, sanitize } from '../src/platforms/console/render.js';
import type { Reply } from '../src/domain/reply.js';
import { seedServices, type SeededServices } from './helpers/corpus.js';
import { childEnv, runWithInput, killLeftovers, startInteractive, tempDataDir } from './helpers/spawn.js';

afterAll(() => killLeftovers());

describe('npm start with no chat tokens: the console on stdin', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    data = await tempDataDir();
  });
  afterAll(() => data?.remove());

  it('echo "/quote great intel" | npm start prints the summary and an answer, then ends', async () => {
    const r = await runWithInput('npm', ['start', '--silent'], childEnv(data.dir), '/quote great intel\n');
    expect(r.stderr).not.toMatch(/Error|error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Corpus: 3 articles, \d+ statements, \d+ quotes, \d+ speakers \(3 added, 0 updated, 0 unchanged; no load errors\)\./m);
    expect(r.stdout).toContain('Quotes matching “great intel”');
    expect(r.stdout).toContain('“I get **great intel**. I have people brief me on **great intel** every day');
    expect(r.stdout).toMatch(/— Donald Trump/);
    expect(r.stdout).toMatch(/Reported in \d articles/);
  });

  it('answers questions and paging in one session; a restart finds the stored corpus unchanged', async () => {
    const input = ["who said it didn't happen?", '/whosaid it didnt hapen', '/quote intelligence', 'more', 'check this', 'quit', '/quote never reached'].join('\n');
    const r = await runWithInput('node', ['--import', 'tsx', 'src/main.ts'], childEnv(data.dir), `${input}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 added, 0 updated, 3 unchanged/);
    const answers = r.stdout.split('\n\n');
    // Both questions are headed with McMaster's own words, not the asker's (typos included).
    expect(r.stdout.match(/H\.R\. McMaster said “I was in the room, it didn't happen\.”/g)).toHaveLength(2);
    expect(r.stdout).not.toMatch(/said “it didnt hapen”/);
    expect(r.stdout).toMatch(/Quotes matching “intelligence”\nResults 1–5 of \d+/);
    expect(r.stdout).toMatch(/More matches|Results 6–/);
    expect(r.stdout).toMatch(/No thread here/);
    expect(r.stdout).not.toMatch(/never reached/);
    expect(answers.length).toBeGreaterThan(4);
  });

  it('factbot console is the same console', async () => {
    const r = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', 'console'], childEnv(data.dir), '/sources Israel was the source\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Corpus: 3 articles/m);
    expect(r.stdout).toContain('Sources for “Israel was the source”');
  });

  it('stops cleanly on SIGTERM while waiting for input', async () => {
    const p = startInteractive('node', ['--import', 'tsx', 'src/main.ts'], childEnv(data.dir));
    expect(await p.nextLine()).toMatch(/^Corpus: 3 articles/);
    p.child.stdin.write('/whosaid great intel\n');
    expect(await p.nextLine()).toMatch(/Trump said “I get great intel\.”/);
    p.child.kill('SIGTERM');
    const done = await p.done;
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('');
  });
});

describe('the REPL in-process', () => {
  let seeded: SeededServices;
  beforeAll(async () => {
    seeded = await seedServices();
  });
  afterAll(() => seeded?.close());

  async function session(lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.setEncoding('utf8').on('data', (d: string) => (text += d));
    const done = runRepl(seeded.services, { input, output, interactive: false });
    input.end(lines.map((l) => `${l}\n`).join(''));
    await done;
    return text;
  }

  it('routes plain questions like chat mentions', async () => {
    const out = await session(['what did McMaster say about threats to aviation', 'sources for Israel was the source']);
    expect(out).toMatch(/What H\.R\. McMaster said about “threats to aviation”|What HR McMaster said about “threats to aviation”/);
    expect(out).toMatch(/\*\*aviation\*\*/);
    expect(out).toMatch(/Sources for “Israel was the source”/);
  });

  it('answers "thanks" with a word, not a search; "hello" alone with the help', async () => {
    const out = await session(['thanks!', 'hello']);
    expect(out).toMatch(/You’re welcome/);
    expect(out).not.toMatch(/Quotes matching|No quotes/);
    expect(out).toMatch(/\/quote/);
  });

  it('"more" pages the last answer and says when there is nothing more', async () => {
    const out = await session(['more', '/quote intelligence', 'more']);
    expect(out).toMatch(/^Nothing more/);
    expect(out).toMatch(/Results 1–5 of (\d+)[\s\S]*Results 6–/);
    // Page 2 continues the numbering.
    const page2 = out.slice(out.indexOf('Results 6–'));
    expect(page2).toMatch(/^6\. /m);
    expect(page2).not.toMatch(/^1\. /m);
  });

  it('names an unknown command, and explains one command on "/help quote"', async () => {
    const out = await session(['/nonexistent foo', '/help quote']);
    expect(out).toMatch(/Unknown command \/nonexistent — try help/);
    expect(out).not.toMatch(/No quotes matching/);
    expect(out).toMatch(/Usage: \/quote/);
  });

  it('runs "/factbot <command> …" as "/<command> …", "/factbot help" as help, and names "/factbot x" as unknown', async () => {
    const out = await session(['/factbot quote great intel', '/factbot help', '/factbot /whosaid it didnt happen', '/factbot nonexistent foo']);
    expect(out).not.toMatch(/unknown subcommand/);
    expect(out).toMatch(/Quotes matching “great intel”/);
    expect(out).toMatch(/\*\*great intel\*\*/);
    expect(out).toMatch(/factbot — verbatim quotes/);
    expect(out).toMatch(/H\.R\. McMaster said “I was in the room, it didn't happen\.”/);
    expect(out).toMatch(/Unknown command \/nonexistent — try help/);
  });

  it('"help nonexistent" names the unknown command and lists the commands instead of searching', async () => {
    const out = await session(['help nonexistent']);
    expect(out).toMatch(/Unknown command \/nonexistent — try help/);
    expect(out).toMatch(/\/quote <words>/);
    expect(out).not.toMatch(/Quotes matching/);
  });

  it('never marks stop-words as matched', async () => {
    const out = await session(['what did McMaster say about the meeting?', '/sources Israel was the source']);
    expect(out).not.toMatch(/\*\*(the|The|of|was)\*\*/);
    expect(out).toMatch(/\*\*[A-Za-z]/);
  });

  it('shows help, usage notes and errors without stopping', async () => {
    const out = await session(['help', '/quote', '/frobnicate now', '/quote great intel speaker:Obama', '/quote great intel']);
    expect(out).toMatch(/factbot — verbatim quotes/);
    expect(out).toMatch(/Usage: \/quote/);
    expect(out).toMatch(/No speaker called “Obama”/);
    expect(out).toMatch(/Quotes matching “great intel”/);
  });
});

describe('renderReply', () => {
  const item = {
    statementId: 'a:1',
    kind: 'direct' as const,
    quote: 'I get great intel\u001b[31m.',
    highlights: [[6, 11], [12, 17], [40, 50]] as Array<[number, number]>,
    text: '"I get great intel," he said.',
    speaker: 'Donald Trump',
    speakerRole: 'President',
    outlet: 'Associated Press',
    cue: 'according to',
    article: { id: 'a', title: 'Trump and Lavrov', outlet: 'The Guardian', url: 'https://example.com/a', published: '2017-05-16T10:00:00Z' },
    corroboration: { articles: 3, outlets: ['AP', 'The Guardian'], firstOutlet: 'AP' },
  };
  const reply: Reply = { title: 'Quotes', notices: ['Your query was cut to 500 characters.'], sections: [{ items: [item] }], visibility: 'private', paging: { command: 'quote', args: { query: 'x' }, offset: 5, pageSize: 5, total: 12 } };

  it('shows quote, speaker and role, outlet, article, corroboration, marks, notices and paging', () => {
    const text = renderReply(reply);
    expect(text).toContain('1. “I get **great intel**.”');
    expect(text).toContain('— Donald Trump (President), according to Associated Press');
    expect(text).toContain('Article: “Trump and Lavrov” — The Guardian — 2017-05-16 <https://example.com/a>');
    expect(text).toContain('Reported in 3 articles (AP, The Guardian); first by AP.');
    expect(text).toContain('Note: Your query was cut to 500 characters.');
    expect(text).toContain('7 more — type "more" for the next page.');
  });

  it('says when the same words are attributed to someone else (QA 6b, C2)', () => {
    const conflicted: Reply = { ...reply, sections: [{ items: [{ ...item, corroboration: { articles: 1, outlets: [], firstOutlet: null, otherSpeakers: [{ speaker: 'Jim Hale', articles: 1, outlets: ['Coastal Times'] }] } }] }] };
    expect(renderReply(conflicted)).toContain('Careful: the same words are also attributed to Jim Hale (Coastal Times).');
  });

  it('cuts a statement of megabytes to a window around its matched words (QA 6, R3)', () => {
    const long = `${'a'.repeat(3_000_000)} the fine record ${'b'.repeat(5000)}`;
    const at = long.indexOf('fine');
    const huge: Reply = { ...reply, sections: [{ items: [{ ...item, quote: long, text: long, highlights: [[at, at + 4]] }] }] };
    const out = renderReply(huge);
    expect(out.length).toBeLessThan(5000);
    expect(out).toContain('the **fine** record');
    expect(out).toMatch(/“…a+ the \*\*fine\*\* record b+…”/);
  });

  it('strips terminal escapes from article text', () => {
    expect(renderReply(reply)).not.toContain('\u001b');
    expect(sanitize('a\u001b]0;pwned\u0007b\u001b[2Jc')).toBe('abc');
  });
});
