import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { createCorpus, type CorpusRuntime } from '../../src/corpus/index.js';
import { commands } from '../../commands/index.js';
import type { BotServices } from '../../src/dispatch/index.js';
import type { Invocation } from '../../src/domain/command.js';

/** The shipped seed articles (three reports of the same story). */
export const SEED_DIR = fileURLToPath(new URL('../../data/articles/', import.meta.url));

export interface SeedServicesOptions {
  /** A fixed clock for digests and anything time-dependent (default: the real one). */
  now?: () => Date;
  timezone?: string;
  digestAdmins?: readonly string[];
  /** Load this folder instead of the seeds (or `null` for an empty corpus). */
  dir?: string | null;
}

export interface SeededServices {
  services: BotServices;
  corpus: CorpusRuntime;
  store: Store;
  close(): Promise<void>;
}

/**
 * Real services on a real in-memory store and search index, loaded with data/articles/. For the
 * tests of commands, platforms and digests: what they see is what `npm start` would answer.
 */
export async function seedServices(opts: SeedServicesOptions = {}): Promise<SeededServices> {
  const store = await openStore({ memory: true, ...(opts.now ? { now: opts.now } : {}) });
  const corpus = await createCorpus({ store });
  const dir = opts.dir === undefined ? SEED_DIR : opts.dir;
  if (dir) {
    const report = await corpus.syncDataDir(dir);
    if (report.errors.length) {
      throw new Error(`seed corpus did not load: ${report.errors.map((e) => `${e.source}: ${e.reason}`).join('; ')}`);
    }
  }
  const services: BotServices = {
    commands,
    corpus,
    store,
    now: opts.now ?? (() => new Date()),
    timezone: opts.timezone ?? 'UTC',
    digestAdmins: opts.digestAdmins ?? [],
  };
  return {
    services,
    corpus,
    store,
    async close() {
      await corpus.close();
      await store.close();
    },
  };
}

/** An invocation from the console (or any platform) for tests that call runCommand directly. */
export function testInvocation(overrides: Partial<Invocation> = {}): Invocation {
  return { platform: 'console', userId: 'tester', channelId: 'console', ...overrides };
}

/**
 * A corpus of the given invented articles (file name → text), written to a temporary folder that
 * close() removes with the store.
 */
export async function seedArticles(files: Readonly<Record<string, string>>, opts: Omit<SeedServicesOptions, 'dir'> = {}): Promise<SeededServices> {
  const dir = await mkdtemp(join(tmpdir(), 'factbot-articles-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const seeded = await seedServices({ ...opts, dir });
  return {
    ...seeded,
    async close() {
      await seeded.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

