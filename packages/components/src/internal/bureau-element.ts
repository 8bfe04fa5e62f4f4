import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { registerDomains, type BureauClient, type Domain } from '@bureau/sdk';
import { clientContext } from './context.js';
import { resolveLanguage, unwatchLanguage, watchLanguage, type LanguageListener } from './language.js';
import { sharedStyles } from './shared.styles.js';
import { catalogueReady, defaultLanguage, messagesFor, registerCatalogues, type Catalogue, type Language } from '../i18n/catalogues.js';
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

  /**
   * The SDK domain services the element uses (`chatDomain` for `client.chat`…): each family's chunk
   * carries the code of its own, registered when an element of it is made, so that a page loads only
   * the SDK code of the tags it shows (ADR 0020). The client, the session and the stream are always there.
   */
  static domains: ReadonlyArray<Domain> = [];

  /**
   * The strings of the element's family beyond those every element shows (`chatCatalogue`…), in
   * its chunk and registered like its domains, so that a page loads the strings of its tags only.
   */
  static catalogues: ReadonlyArray<Catalogue> = [];

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
    const family = this.constructor as typeof BureauElement;
    registerDomains(...family.domains);
    registerCatalogues(...family.catalogues);
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
