/**
 * All escaping of text that reaches Slack happens here. Article text, queries and speaker names
 * are untrusted: they must never become markup that Slack acts on (a mention, a broadcast, a
 * link) and must display as written otherwise.
 */

const ZWJ = '\u200D';
const ZWSP = '\u200B';

/**
 * Control characters other than newline and tab (Slack shows some of them as garbage), and the
 * bidirectional overrides, embeddings and isolates: one in an article's quote, name or role
 * reverses or reorders the rest of the line as displayed ("‮tsoP notgnihsaW" reads as another
 * outlet), so the attribution would read as the article's author wants, not as it is. Arabic and
 * Hebrew text needs none of them (its direction comes from its letters).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Words that broadcast or resolve to people when a client or `link_names` parses them. A zero-width
 * joiner after the `@` keeps them readable but inert.
 */
const BROADCAST_WORDS = /@(channel|here|everyone|group)\b/gi;
/** `http://x` and `www.x` would be auto-linked: a zero-width space breaks the pattern. */
const URL_SCHEMES = /\b([a-z][a-z0-9+.-]{1,20}):\/\//gi;
const WWW = /\bwww\./gi;

function neutralise(text: string): string {
  return text
    .replace(CONTROL_CHARS, '')
    .replace(BROADCAST_WORDS, `@${ZWJ}$1`)
    .replace(URL_SCHEMES, `$1:${ZWSP}//`)
    .replace(WWW, `www${ZWSP}.`);
}

/**
 * Untrusted text for a `mrkdwn` text object. `&`, `<` and `>` are the only characters Slack asks
 * to be escaped; without `<` no `<!channel>`, `<@U…>` or `<url|label>` can form.
 */
export function escapeMrkdwn(text: string): string {
  return neutralise(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** mrkdwn's formatting marks: bold, italic, strike, code. */
const FORMATTING = /[*_~`]/g;

/**
 * Untrusted text from articles (quotes, names, titles, outlets) for mrkdwn, including link labels:
 * escaped as `escapeMrkdwn`, and its `*`, `_`, `~` and backticks shown as written instead of
 * formatting. A mark opens formatting only after a space, punctuation or the start of the text
 * (`snake_case` stays as it is); a zero-width joiner in front of it is none of those.
 */
export function escapeUntrusted(text: string): string {
  return escapeMrkdwn(text).replace(FORMATTING, `${ZWJ}$&`);
}

/**
 * Untrusted text for a `plain_text` object (headers, buttons): not parsed for markup, so no
 * entity escaping (it would show literally), but broadcasts and control characters still go.
 */
export function sanitisePlain(text: string): string {
  return neutralise(text);
}

/**
 * An article URL ready for `<url|label>`, or null: only http(s) URLs become links; `|`, `<`, `>`
 * would end the link markup early and `&` is sent as `&amp;`, as Slack's escaping rules ask.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href
    .replace(/\|/g, '%7C')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/ /g, '%20')
    .replace(/&/g, '&amp;');
}

/** Cuts plain text to `max` characters at a word boundary when one is near, ending with "…". */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const hard = text.slice(0, max - 1);
  const space = hard.lastIndexOf(' ');
  const soft = space > max * 0.6 ? hard.slice(0, space) : hard;
  // Never leave half a surrogate pair before the ellipsis.
  const clean = /[\uD800-\uDBFF]$/.test(soft) ? soft.slice(0, -1) : soft;
  return `${clean.trimEnd()}…`;
}

/**
 * Cuts raw text so that `render(raw)` fits `max` characters: escaping grows text (`&` → `&amp;`),
 * so the cut is found on the raw text and checked on the rendered one.
 */
export function fitRendered(raw: string, max: number, render: (raw: string) => string): string {
  const full = render(raw);
  if (full.length <= max) return full;
  let lo = 0;
  let hi = raw.length;
  let best = render(cut(raw, 1));
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = render(cut(raw, Math.max(1, mid)));
    if (candidate.length <= max) {
      best = candidate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best.length <= max ? best : best.slice(0, max);
}

/**
 * Slack's own markup in incoming text (mentions, links, entities) back to plain words, for
 * commands that read what users wrote.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? '' : `@${id}`))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#([A-Z0-9]+)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? '')
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, '')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]*)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
