import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { BureauClient } from '@bureau/sdk';
import { clientContext } from './context.js';
import { resolveLanguage, unwatchLanguage, watchLanguage, type LanguageListener } from './language.js';
import { sharedStyles } from './shared.styles.js';
import { catalogueReady, defaultLanguage, messagesFor, type Language } from '../i18n/catalogues.js';
import type { Messages } from '../i18n/fr.js';

/** The values of the `theme` attribute. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * What every Bureau element shares: the theme, the language (its `lang`, else the closest
 * ancestor's, else the document's; French by default) and the SDK client, received by context from
 * the enclosing `<bureau-client>` or set directly on the `client` property.
 */
export class BureauElement extends LitElement implements LanguageListener {
  static override styles = [sharedStyles];

  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    contact: {},
    theme: { reflect: true },
    language: { state: true, attribute: false },
  };

  /**
   * The SDK client to use without a `<bureau-client>` around the element. When set, it wins over
   * the one the context provides.
   */
  declare client: BureauClient | undefined;

  /**
   * Whom to ask for access, named in the no-access sentence (« … adressez-vous à Karim Benali,
   * service RH. »). Set on the element, or once on an ancestor such as `<bureau-client contact="…">`.
   */
  declare contact: string | undefined;

  /**
   * The colour scheme of this element and every Bureau element inside it: `light`, `dark`, or
   * `auto` (the person's system preference). With it, the element paints its own background. Without
   * it, the element takes its ancestor's `theme` (or `--bureau-color-scheme`), else stays light on
   * the page's background, even when the person's system is dark.
   */
  declare theme: Theme | undefined;

  private declare language: Language;

  /** The client the enclosing `<bureau-client>` provides, if any; a change re-renders the element. */
  private readonly providedClient = new ContextConsumer(this, { context: clientContext, subscribe: true });

  constructor() {
    super();
    this.language = defaultLanguage;
  }

  /** The client this element talks to: its own `client`, else the provided one. */
  protected get activeClient(): BureauClient | undefined {
    return this.client ?? this.providedClient.value;
  }

  /** The no-access sentence, with whom to ask when the host page names someone. */
  protected get noAccessText(): string {
    const contact = this.contact ?? this.parentElement?.closest('[contact]')?.getAttribute('contact') ?? '';
    return contact.trim() === '' ? this.messages.noAccess : `${this.messages.noAccess} ${this.messages.noAccessAsk(contact.trim())}`;
  }

  /** The strings of the language the element speaks. */
  protected get messages(): Messages {
    return messagesFor(this.language);
  }

  /** The language the element speaks, for `Intl` formatting. */
  protected get resolvedLanguage(): Language {
    return this.language;
  }

  /**
   * Holds a render until the catalogue of the element's language is there (a lazy chunk for every
   * language but French), so that an English page never flashes French strings.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = catalogueReady(this.language);
    if (ready === undefined) return super.scheduleUpdate();
    return ready.then(() => super.scheduleUpdate());
  }

  /**
   * Also updates once on every connection: an element moved or re-inserted in the page starts again,
   * in its `willUpdate`, what its `disconnectedCallback` stopped (a watch, a stream, a client).
   */
  override connectedCallback(): void {
    super.connectedCallback();
    this.language = resolveLanguage(this);
    watchLanguage(this);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchLanguage(this);
  }

  /** Re-renders in the new language of the page (called by the `lang` watcher; not for hosts). */
  languageChanged(): void {
    this.language = resolveLanguage(this);
  }
}
