import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { MAX_CUSTOM_ID } from './limits.js';

/**
 * Button custom ids: `fb:<action>:<key>[:<offset>]`, far below Discord's 100 characters because the
 * state itself stays in the PageStore.
 */
export type ButtonAction = { action: 'page'; key: string; offset: number } | { action: 'share'; key: string; offset: number };

const PREFIX = 'fb';

export function customId(a: ButtonAction): string {
  const id = `${PREFIX}:${a.action}:${a.key}:${a.offset}`;
  if (id.length > MAX_CUSTOM_ID) throw new Error(`custom id too long: ${id.length}`);
  return id;
}

export function parseCustomId(id: string): ButtonAction | null {
  const m = /^fb:(page|share):([A-Za-z0-9_-]{1,32}):(\d{1,9})$/.exec(id);
  if (!m) return null;
  return { action: m[1] as 'page' | 'share', key: m[2] as string, offset: Number(m[3]) };
}

export interface ButtonsFor {
  key: string;
  offset: number;
  pageSize: number;
  /** The command said there is a next page. */
  hasNext: boolean;
  share: boolean;
}

/** Prev / Next (when there is more than one page) and Share (for answers only the asker sees). */
export function replyButtons(b: ButtonsFor): Array<APIActionRowComponent<APIButtonComponent>> {
  const buttons: APIButtonComponent[] = [];
  if (b.offset > 0 || b.hasNext) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Prev',
      custom_id: customId({ action: 'page', key: b.key, offset: Math.max(0, b.offset - Math.max(1, b.pageSize)) }),
      disabled: b.offset <= 0,
    });
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Next',
      custom_id: customId({ action: 'page', key: b.key, offset: b.offset + Math.max(1, b.pageSize) }),
      disabled: !b.hasNext,
    });
  }
  if (b.share) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'Share',
      custom_id: customId({ action: 'share', key: b.key, offset: b.offset }),
    });
  }
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}
