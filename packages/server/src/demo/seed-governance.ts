import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { weekOf } from '../governance/activity.js';
import { publishRules } from '../governance/rules.js';
import { withGovernance } from '../governance/schema.js';

/** The « Bon usage » of *Espace RH 360*: what every member accepts on their first visit. */
export const bonUsage = `# Bon usage de l’Espace RH 360

Cet espace réunit les agents, le service RH et les représentants du personnel. Pour qu’il reste utile et sûr :

- **Pas de données de santé.** Un arrêt, un diagnostic, un handicap ne s’écrivent pas ici, même pour soi.
- **Pas d’information sur un collègue nommé.** On parle des règles et des procédures, jamais d’une personne.
- **Les situations personnelles vont directement au service RH** (rh@convergence.fr ou le 04 00 00 12 34), pas dans un salon.
- Restez courtois : les échanges sont visibles de tous les membres et conservés selon la politique de l’espace.

Les référents de l’espace (Léa Rousseau) peuvent vous aider à trouver le bon canal.`;

/**
 * Who was active in each of the last ten weeks (the weeks before the seeded conversations too), so
 * that the indicators have a history. The week three weeks back is a quiet one (four people): it
 * shows how a small group's figures are withheld.
 */
const weeklyReaders: string[][] = [
  ['karim', 'camille', 'lea', 'sophie', 'mehdi', 'nathalie'],
  ['karim', 'camille', 'lea', 'sophie', 'julien'],
  ['karim', 'camille', 'lea', 'nathalie', 'aurelie', 'mehdi', 'julien'],
  ['karim', 'lea', 'sophie', 'camille', 'aurelie'],
  ['karim', 'camille', 'lea', 'mehdi', 'nathalie', 'sophie', 'ines'],
  ['karim', 'camille', 'lea', 'julien', 'aurelie'],
  ['karim', 'sophie', 'lea', 'camille'],
  ['karim', 'lea', 'nathalie', 'camille', 'julien', 'sophie'],
  ['karim', 'camille', 'lea', 'sophie', 'julien', 'aurelie', 'mehdi'],
  ['karim', 'camille', 'lea', 'sophie', 'nathalie'],
];
const downloadsPerWeek = [4, 7, 3, 9, 6, 5, 8, 2, 11, 6];

/** Léa as référente, the « Bon usage » rules (accepted by Karim, who wrote them), ten weeks of activity. */
export async function seedGovernance(db: Kysely<Database>, start: number): Promise<void> {
  const spaceId = 'espace-rh-360';
  await db.updateTable('memberships').set({ referent: 1 }).where('space_id', '=', spaceId).where('user_id', '=', 'lea').execute();
  await publishRules(db, spaceId, 'karim', bonUsage);
  const gov = withGovernance(db);
  for (const [index, readers] of weeklyReaders.entries()) {
    const weeksAgo = weeklyReaders.length - 1 - index;
    const week = weekOf(new Date(start - weeksAgo * 7 * 24 * 3600_000));
    await gov.insertInto('space_activity').values(readers.map((userId) => ({ space_id: spaceId, week, user_id: userId }))).onConflict((oc) => oc.doNothing()).execute();
    await gov.insertInto('space_downloads').values({ space_id: spaceId, week, count: downloadsPerWeek[index] ?? 0 }).execute();
  }
}
