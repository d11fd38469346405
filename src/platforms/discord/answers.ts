import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { CommandArgs, Invocation } from '../../domain/command.js';
import type { Reply } from '../../domain/reply.js';
import { PAGE_SIZE } from '../../dispatch/kit.js';
import { replyButtons } from './components.js';
import type { PageState, PageStore } from './page-store.js';
import { renderReply } from './render.js';

/**
 * One answer as a message body: the rendered Reply plus its buttons. Buttons need the paging state
 * remembered in the PageStore; this is where it is put.
 */
export interface MessageBody {
  content: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  /** Repeated on every body although the client default already says so: nothing ever pings. */
  allowedMentions: { parse: []; repliedUser: false };
}

export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false as const });

export interface AnswerCall {
  command: string;
  args: CommandArgs;
  invocation: Invocation;
  /** The offset this page was asked for (0 for a first answer). */
  offset: number;
  ephemeral: boolean;
  /** The key of an answer being paged: its state is already stored. */
  key?: string;
}

export function messageBody(reply: Reply, call: AnswerCall, pages: PageStore | null): MessageBody {
  const rendered = renderReply(reply);
  let components: MessageBody['components'] = [];
  // Nothing found, or an error, is not worth posting for everyone.
  const hasFindings = reply.sections.some((s) => s.items.length > 0 || (s.articles?.length ?? 0) > 0 || (s.lines?.length ?? 0) > 0);
  const share = call.ephemeral && !reply.isError && hasFindings;
  const needsState = call.key !== undefined || reply.paging !== undefined || call.offset > 0 || share;
  if (pages && needsState) {
    let key = call.key;
    let state = key ? pages.get(key) : undefined;
    if (!key || !state) {
      state = stateFor(reply, call);
      key = pages.put(state);
    }
    components = replyButtons({ key, offset: call.offset, pageSize: state.pageSize, hasNext: reply.paging !== undefined, share });
  }
  return { ...rendered, components, allowedMentions: { parse: [], repliedUser: false } };
}

function stateFor(reply: Reply, call: AnswerCall): PageState {
  const args: CommandArgs = {};
  for (const [k, v] of Object.entries(reply.paging?.args ?? call.args)) if (k !== 'offset' && v !== undefined) args[k] = v;
  return {
    command: reply.paging?.command ?? call.command,
    args,
    invocation: call.invocation,
    pageSize: reply.paging?.pageSize ?? PAGE_SIZE,
    ephemeral: call.ephemeral,
  };
}

export const EXPIRED_TEXT = 'This result has expired (factbot keeps the buttons of an answer working for a day). Run the command again.';
