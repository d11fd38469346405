/**
 * Slack's Block Kit and messaging limits, in one place. Every renderer path cuts to these; going
 * over any of them makes Slack reject the whole message (`invalid_blocks`), so they are hard caps.
 * https://docs.slack.dev/reference/block-kit/blocks
 */
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
/** Per text element of a context block. */
export const MAX_CONTEXT_TEXT = 2000;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_ACTION_ID = 255;
/** Top-level `text` is the notification/fallback; Slack truncates past 40,000, we keep it short. */
export const MAX_FALLBACK_TEXT = 3000;
/** Slash command descriptions and usage hints in the manifest. */
export const MAX_COMMAND_DESCRIPTION = 2000;
export const MAX_USAGE_HINT = 1000;

/** Slack drops a slash command or interaction that is not acknowledged within 3 s. */
export const ACK_DEADLINE_MS = 3000;
/** How long we wait for an answer before acknowledging empty and answering via response_url. */
export const INLINE_ANSWER_BUDGET_MS = 2000;
