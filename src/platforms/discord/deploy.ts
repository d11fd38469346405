import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { CommandDefinition } from '../../domain/command.js';
import { applicationCommands } from './application-commands.js';
import { restBase } from './client.js';

export interface DeployResult {
  scope: 'global' | 'guild';
  names: string[];
}

/**
 * Replaces the application's commands with the ones generated from the definitions (one bulk
 * overwrite: commands removed from `commands/` disappear from Discord too). A guild deploy shows at
 * once; a global one can take a while to reach every client.
 */
export async function deployCommands(
  config: DiscordConfig,
  defs: readonly CommandDefinition[],
  rest: REST = new REST({ ...(config.apiUrl ? { api: restBase(config.apiUrl) } : {}) }).setToken(config.token),
): Promise<DeployResult> {
  const body = applicationCommands(defs);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope: config.guildId ? 'guild' : 'global', names: result.map((c) => c.name) };
}
