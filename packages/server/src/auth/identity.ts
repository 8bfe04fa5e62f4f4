import { randomBytes } from 'node:crypto';
import { foldName } from '../users/fold.js';
import type { Db } from '../db/index.js';
import type { UserRow } from '../db/schema.js';
import { forgetSessionsOf } from './session-cache.js';

/** Who an identity provider says the person is. `issuer` + `subject` identify them for good. */
export interface IdentityClaims {
  issuer: string;
  subject: string;
  name: string;
  email?: string | null;
  /** The language of the `locale` claim when it is French or English (`fr-FR`, `en`…); null otherwise. */
  locale?: 'fr' | 'en' | null;
}

/** `fr`, `fr-FR`, `fr_CA`, `en-GB`… → `fr` or `en`; any other language or none → null. */
export function supportedLanguage(tag: string | undefined): 'fr' | 'en' | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : null;
}

/**
 * Reads who a person is from ID token, userinfo or access token claims: the `name` claim, else
 * `given_name` with `usual_name` (ProConnect) or `family_name`, else `preferred_username`, else
 * `email`, else the subject itself. Only string claims count.
 *
 * @example
 * identityFromClaims('https://idp.example', { sub: '42', given_name: 'Léa', usual_name: 'Rousseau' });
 * // → { issuer: 'https://idp.example', subject: '42', name: 'Léa Rousseau', email: null, locale: null }
 */
export function identityFromClaims(issuer: string, subject: string, claims: Readonly<Record<string, unknown>>): IdentityClaims {
  const text = (key: string): string | undefined => {
    const value = claims[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const given = text('given_name');
  const family = text('usual_name') ?? text('family_name');
  const fullName = given && family ? `${given} ${family}` : (given ?? family);
  const email = text('email') ?? null;
  return {
    issuer,
    subject,
    name: text('name') ?? fullName ?? text('preferred_username') ?? email ?? subject,
    email,
    locale: supportedLanguage(text('locale')),
  };
}

/** The longest display name the API accepts (`User.name`). */
const maxNameLength = 200;

/**
 * Finds the person an issuer knows as `subject`, creating them on their first sign-in, and keeps
 * their name, email and (when the provider gives one) language in step with what it says now.
 *
 * Safe under concurrent first sign-ins of the same person: the (issuer, subject) unique
 * constraint decides, and both callers get the same row.
 *
 * @example
 * const user = await upsertUser(db, { issuer: 'https://idp.example', subject: '42', name: 'Karim Benali' });
 */
export async function upsertUser(db: Db, claims: IdentityClaims): Promise<UserRow> {
  const name = displayName(claims.name, claims.subject);
  const email = claims.email ?? null;

  const locale = claims.locale ?? null;
  const existing = await findBySubject(db, claims.issuer, claims.subject);
  if (existing) return refresh(db, existing, name, email, locale);

  await db
    .insertInto('users')
    .values({
      id: `usr_${randomBytes(16).toString('base64url')}`,
      name,
      search_name: foldName(name),
      email,
      issuer: claims.issuer,
      subject: claims.subject,
      created_at: new Date().toISOString(),
      locale,
      locale_source: locale === null ? null : 'claim',
    })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();

  const created = await findBySubject(db, claims.issuer, claims.subject);
  if (!created) throw new Error('The user row vanished right after it was written');
  return refresh(db, created, name, email, locale);
}

function findBySubject(db: Db, issuer: string, subject: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** A provider that gives no `locale` (or one Bureau does not speak) leaves the language known as it is. */
async function refresh(db: Db, user: UserRow, name: string, email: string | null, claimed: 'fr' | 'en' | null): Promise<UserRow> {
  const locale = claimed ?? user.locale;
  const localeSource = claimed === null ? user.locale_source : 'claim';
  if (user.name === name && user.email === email && user.locale === locale && user.locale_source === localeSource) return user;
  await db
    .updateTable('users')
    .set({ name, search_name: foldName(name), email, locale, locale_source: localeSource })
    .where('id', '=', user.id)
    .execute();
  forgetSessionsOf(db, user.id);
  return { ...user, name, email, locale, locale_source: localeSource };
}

/** A non-empty name of at most 200 characters; the subject stands in when the provider gave none. */
function displayName(name: string, subject: string): string {
  const trimmed = name.trim() || subject.trim() || subject;
  return Array.from(trimmed).slice(0, maxNameLength).join('');
}
