import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';

/**
 * The rules of use the person has not accepted yet, one space after the other, in a modal dialog
 * that comes before anything else of the page (Escape does not dismiss it). The dialog's code
 * (rules-gate.ts, with the Markdown renderer) is fetched only when there are some.
 */
export function showRulesToAccept(host: ShadowRoot, client: BureauClient, language: Language, signal: AbortSignal): Promise<void> {
  // A page may hold several <bureau-client>s (the inbox in its header, the widgets in its content):
  // they take turns, so the person sees the rules once; those sharing a client ask once (ADR 0022),
  // another client asks again and finds none left.
  const turn = gate.then(() => askWhatIsPending(host, client, language, signal));
  gate = turn.catch(() => undefined);
  return turn;
}

let gate: Promise<void> = Promise.resolve();
/** The clients whose person was asked (an element that went before the end leaves it to the next). */
const asked = new WeakSet<BureauClient>();

async function askWhatIsPending(host: ShadowRoot, client: BureauClient, language: Language, signal: AbortSignal): Promise<void> {
  if (signal.aborted || asked.has(client)) return;
  asked.add(client);
  try {
    const pending = await client.auth.rulesToAccept({ signal });
    if (pending.items.length === 0) return;
    const { askToAccept } = await import('./rules-gate.js');
    for (const rules of pending.items) {
      if (signal.aborted) break;
      await askToAccept(host, client, rules, language, signal);
    }
  } catch (error) {
    asked.delete(client);
    throw error;
  }
  if (signal.aborted) asked.delete(client);
}
