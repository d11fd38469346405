/**
 * Discord's hard limits, in one place. A payload over any of these is rejected whole by the API
 * (400 Invalid Form Body), so the renderer cuts to them before sending.
 * https://discord.com/developers/docs/resources/message#create-message and …/channel#embed-limits
 */
export const MAX_CONTENT = 2000;
export const MAX_EMBEDS = 10;
export const MAX_EMBED_TITLE = 256;
export const MAX_EMBED_DESCRIPTION = 4096;
export const MAX_EMBED_FIELDS = 25;
export const MAX_FIELD_NAME = 256;
export const MAX_FIELD_VALUE = 1024;
export const MAX_FOOTER_TEXT = 2048;
export const MAX_AUTHOR_NAME = 256;
/** Sum of title, description, field names and values, footer and author text over all embeds. */
export const MAX_EMBED_TOTAL = 6000;
export const MAX_EMBED_URL = 2048;

export const MAX_CUSTOM_ID = 100;
export const MAX_BUTTON_LABEL = 80;

export const MAX_AUTOCOMPLETE_CHOICES = 25;
export const MAX_CHOICE_NAME = 100;
export const MAX_CHOICE_VALUE = 100;

export const MAX_COMMAND_NAME = 32;
export const MAX_COMMAND_DESCRIPTION = 100;
export const MAX_OPTION_DESCRIPTION = 100;
export const MAX_COMMAND_OPTIONS = 25;
export const MAX_OPTION_CHOICES = 25;
export const MAX_STRING_OPTION_LENGTH = 6000;

/** Discord waits 3 s for the first response to an interaction; we defer well before that. */
export const INTERACTION_DEADLINE_MS = 3000;
export const DEFER_AFTER_MS = 1500;
/** Autocomplete cannot be deferred: answer (possibly with nothing) before the deadline. */
export const AUTOCOMPLETE_BUDGET_MS = 2000;
/** Interaction tokens (and so edits of an ephemeral answer) live 15 minutes. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60 * 1000;
