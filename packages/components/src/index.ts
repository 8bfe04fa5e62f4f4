/**
 * Bureau web components. Importing this module defines no tag: import `@bureau/components/client.js`
 * (or `bureau.js` for everything) to define them, or call `register({ prefix })`.
 * @packageDocumentation
 */
export { BureauClientElement } from './client/client.component.js';
export { clientContext } from './internal/context.js';
export { BureauSessionChangeEvent } from './events/session-change.js';
export { BureauSignOutEvent } from './events/sign-out.js';
export { register } from './register.js';
export type { RegisterOptions } from './register.js';
export { formatBytes, formatDate } from './i18n/format.js';
export { languages, defaultLanguage } from './i18n/catalogues.js';
export type { Language } from './i18n/catalogues.js';
export type { Messages } from './i18n/fr.js';
