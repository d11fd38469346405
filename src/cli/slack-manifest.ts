import { commands } from '../../commands/index.js';
import { buildManifest } from '../platforms/slack/manifest.js';

/**
 * `factbot slack-manifest [--url BASE]`: the app manifest as JSON (Slack accepts JSON or YAML),
 * for "Create New App → From a manifest". With --url the app uses HTTP request URLs, else Socket Mode.
 */
export async function runSlackManifest(opts: { url?: string }): Promise<number> {
  try {
    const manifest = buildManifest(
      commands.map((c) => c.definition),
      opts.url ? { url: opts.url } : {},
    );
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`slack-manifest: ${(err as Error).message}\n`);
    return 2;
  }
}
