import { ConfigError, loadConfig, loadConfigFromEnvironment } from '../config.js';
import { classifyDiscordError } from '../platforms/discord/errors.js';

/**
 * `factbot discord-deploy`: registers the application commands generated from `commands/`
 * (globally, or to DISCORD_GUILD_ID while developing). Returns the exit code.
 */
export async function runDiscordDeploy(env?: NodeJS.ProcessEnv): Promise<number> {
  let config;
  try {
    // Without an explicit environment: the same .env as `npm start` reads.
    config = env ? loadConfig(env) : loadConfigFromEnvironment();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (!config.discord) {
    process.stderr.write('discord-deploy: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).\n');
    return 2;
  }
  const [{ commands }, { deployCommands }] = await Promise.all([
    import('../../commands/index.js'),
    import('../platforms/discord/deploy.js'),
  ]);
  try {
    const result = await deployCommands(config.discord, commands.map((c) => c.definition));
    const where = result.scope === 'guild' ? `server ${config.discord.guildId}` : 'all servers (global; may take a while to appear)';
    process.stdout.write(`Registered ${result.names.length} commands for ${where}: ${result.names.join(', ')}\n`);
    const { inviteUrl } = await import('../platforms/discord/client.js');
    process.stdout.write(`Invite the bot with: ${inviteUrl(config.discord.applicationId)}\n`);
    return 0;
  } catch (err) {
    const f = classifyDiscordError(err);
    const hint =
      f.status === 401
        ? ' (DISCORD_TOKEN was refused)'
        : f.code === 50001 || f.status === 403
          ? ' (is the bot in that server, invited with the applications.commands scope?)'
          : '';
    process.stderr.write(`discord-deploy failed: ${f.message}${hint}\n`);
    const raw = (err as { rawError?: unknown }).rawError;
    if (raw && f.kind === 'invalid-request') process.stderr.write(`${JSON.stringify(raw, null, 2)}\n`);
    return 1;
  }
}
