import './members.js';
import type { BureauClient } from '@bureau/sdk';
import { selfServiceMessages } from '../i18n/self-service.js';
import type { Language } from '../i18n/catalogues.js';

/**
 * Opens the members of a space in a native modal dialog inside `root` (the chat's or the board's
 * shadow root), made the first time and reused; Escape or « Fermer » closes it and the focus goes
 * back to the button that opened it.
 * @internal
 */
export function openMembers(root: ShadowRoot, opener: HTMLElement, client: BureauClient, spaceId: string, language: Language): void {
  const s = selfServiceMessages(language);
  let dialog = root.querySelector<HTMLDialogElement>('dialog[part="members-dialog"]');
  if (dialog === null) {
    dialog = document.createElement('dialog');
    dialog.setAttribute('part', 'members-dialog');
    dialog.setAttribute('aria-labelledby', 'members-title');
    const title = document.createElement('h2');
    title.id = 'members-title';
    const members = document.createElement('bureau-members');
    const close = document.createElement('button');
    close.type = 'button';
    close.setAttribute('part', 'members-close-button');
    close.addEventListener('click', () => dialog?.close());
    dialog.append(title, members, close);
    root.append(dialog);
  }
  const members = dialog.querySelector('bureau-members');
  if (members !== null) {
    members.client = client;
    members.space = spaceId;
    members.lang = language;
  }
  (dialog.querySelector('h2') as HTMLElement).textContent = s.members;
  (dialog.querySelector('button[part="members-close-button"]') as HTMLElement).textContent = s.close;
  dialog.addEventListener('close', () => opener.focus(), { once: true });
  dialog.showModal();
}
