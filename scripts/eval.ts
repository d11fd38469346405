/**
 * `npm run eval`: score the extractor against the gold quotes in ../shared/eval (seeds, then the PolNeAR
 * dev split) with the shared scorer, exactly as `node ../shared/eval/score.mjs … --cmd "npm run --silent
 * factbot -- extract"` does. The gold data is research-only and lives outside the repository: when it is
 * absent this says so and exits 0, so a fresh checkout is not broken by it.
 *
 *   npm run eval                 seeds + dev
 *   npm run eval -- --train      also the (large) train split
 *   npm run eval -- --details    write each set's misses to /tmp/factbot-misses-<set>.jsonl
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = process.env.FACTBOT_EVAL_DIR ?? resolve(root, '..', 'shared', 'eval');
const scorer = join(evalDir, 'score.mjs');
const args = process.argv.slice(2);

if (!existsSync(scorer)) {
  console.log(`No evaluation data: ${scorer} is not there (set FACTBOT_EVAL_DIR to the folder holding score.mjs and the gold files). Nothing scored.`);
  process.exit(0);
}

const sets = ['seeds-gold', 'polnear-dev', ...(args.includes('--train') ? ['polnear-train'] : [])];
let failed = false;
for (const set of sets) {
  const gold = join(evalDir, `${set}.jsonl`);
  if (!existsSync(gold)) {
    console.log(`${set}: ${gold} not found, skipped`);
    continue;
  }
  console.log(`\n== ${set}`);
  const cmdArgs = [scorer, gold, '--cmd', 'npm run --silent factbot -- extract'];
  if (args.includes('--details')) cmdArgs.push('--details', `/tmp/factbot-misses-${set}.jsonl`);
  const run = spawnSync(process.execPath, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
