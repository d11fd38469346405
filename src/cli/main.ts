import { Command, InvalidArgumentError } from 'commander';

/**
 * The factbot CLI (`npm run --silent factbot -- <command>`). Each subcommand's work lives in its own
 * module, imported only when that subcommand runs, so `extract` does not pay for loading
 * discord.js and Bolt.
 */

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

const program = new Command()
  .name('factbot')
  .description('Fact lookups in a corpus of news articles: quotes, speakers, outlets.')
  .showHelpAfterError();

program
  .command('extract')
  .description('Extract statements, quotes, speakers and outlets from article files')
  .argument('<files...>', 'article files (.txt, .md, .html, .json, .jsonl, or .rss/.atom/.xml feeds and wire files)')
  .option('--json', 'one JSON object per input file, one a line (JSON Lines)', false)
  .action(async (files: string[], opts: { json: boolean }) => {
    const { runExtract } = await import('./extract.js');
    process.exitCode = await runExtract(files, opts);
  });

program
  .command('ingest')
  .description('Add files, folders or web pages (URLs, RSS/Atom feeds) to the store')
  .argument('<sources...>', 'paths or http(s) URLs')
  .action(async (sources: string[]) => {
    const { runIngest } = await import('./ingest.js');
    process.exitCode = await runIngest(sources);
  });

program
  .command('remove')
  .description('Take articles out of the store: by article id (search --json prints it) or URL')
  .argument('<targets...>', 'article ids or http(s) URLs')
  .action(async (targets: string[]) => {
    const { runRemove } = await import('./remove.js');
    process.exitCode = await runRemove(targets);
  });

program
  .command('search')
  .description('Search the corpus; filters speaker:NAME outlet:NAME kind:quote, "exact phrases"')
  .argument('[query...]', 'the query (omit with --stdin)')
  .option('--json', 'print the ranked results as JSON', false)
  .option('--stdin', 'answer one query per input line, one JSON line each', false)
  .option('--limit <n>', 'how many results', positiveInt, 10)
  .option('--data <dir>', 'the data folder to search (default: DATA_DIR, else data)')
  .action(async (words: string[], opts: { json: boolean; stdin: boolean; limit: number; data?: string }) => {
    const { runSearch } = await import('./search.js');
    process.exitCode = await runSearch(words.join(' '), opts);
  });

program
  .command('console')
  .description('Interactive console on the corpus (what `npm start` runs with no chat tokens)')
  .action(async () => {
    const { runConsole } = await import('./console.js');
    process.exitCode = await runConsole();
  });

program
  .command('slack-manifest')
  .description('Print the Slack app manifest generated from the commands')
  .option('--url <base>', 'public base URL for HTTP mode (omit for Socket Mode)')
  .action(async (opts: { url?: string }) => {
    const { runSlackManifest } = await import('./slack-manifest.js');
    process.exitCode = await runSlackManifest(opts);
  });

program
  .command('discord-deploy')
  .description('Register the application commands with Discord (global, or DISCORD_GUILD_ID)')
  .action(async () => {
    const { runDiscordDeploy } = await import('./discord-deploy.js');
    process.exitCode = await runDiscordDeploy();
  });

await program.parseAsync(process.argv);
