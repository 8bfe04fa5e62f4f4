import type { Db } from '../db/index.js';
import type { MembershipsTable } from '../db/schema.js';
import { foldName } from '../users/fold.js';
import { seedChat } from './seed-chat.js';
import { seedBoards } from './seed-boards.js';
import { seedGovernance } from './seed-governance.js';
import { seedNotifications } from './seed-notifications.js';

/** The people of the *Mairie de Convergence*. */
export const demoPeople = [
  { id: 'karim', name: 'Karim Benali' },
  { id: 'camille', name: 'Camille Martin' },
  { id: 'lea', name: 'Léa Rousseau' },
  { id: 'ines', name: 'Inès Moreau' },
  { id: 'theo', name: 'Théo Garnier' },
  // More agents of Espace RH 360, so that usage indicators have groups of five and more to count.
  { id: 'sophie', name: 'Sophie Lambert' },
  { id: 'mehdi', name: 'Mehdi Haddad' },
  { id: 'nathalie', name: 'Nathalie Roux' },
  { id: 'julien', name: 'Julien Petit' },
  { id: 'aurelie', name: 'Aurélie Fontaine' },
  // The mairie's DSI: the demo's instance administrator (erasure, instance-wide indicators).
  { id: 'nadia', name: 'Nadia Lefèvre' },
] as const;

const demoSpaces: { id: string; name: string; description: string; members: [string, MembershipsTable['role']][] }[] = [
  {
    id: 'espace-rh-360',
    name: 'Espace RH 360',
    description: 'Ressources humaines : agents, responsables RH et représentants du personnel.',
    members: [
      ['karim', 'owner'],
      ['camille', 'member'],
      ['lea', 'member'],
      ['ines', 'guest'],
      ['sophie', 'member'],
      ['mehdi', 'member'],
      ['nathalie', 'member'],
      ['julien', 'member'],
      ['aurelie', 'member'],
    ],
  },
  {
    id: 'services-techniques',
    name: 'Services techniques',
    description: 'Voirie, bâtiments et espaces verts.',
    members: [['theo', 'owner']],
  },
];

/** Seeds the demo people and spaces on first start (when there is nobody yet); a no-op afterwards. */
export async function seedDemo(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const anyone = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyone) return;
    const start = Date.now();
    const at = (offset: number): string => new Date(start + offset).toISOString();
    await trx
      .insertInto('users')
      .values(demoPeople.map((p, i) => ({ id: p.id, name: p.name, search_name: foldName(p.name), email: null, issuer: null, subject: null, created_at: at(i) })))
      .execute();
    for (const [i, space] of demoSpaces.entries()) {
      const now = at(i);
      await trx
        .insertInto('spaces')
        .values({ id: space.id, name: space.name, description: space.description, version: 1, created_at: now, updated_at: now })
        .execute();
      await trx
        .insertInto('memberships')
        .values(space.members.map(([userId, role]) => ({ space_id: space.id, user_id: userId, role, joined_at: now })))
        .execute();
    }
    await seedChat(trx, start);
    await seedBoards(trx, start);
    await seedGovernance(trx, start);
    await seedNotifications(trx);
  });
}
