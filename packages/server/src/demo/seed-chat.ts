import type { Kysely } from 'kysely';
import { messageIdAt } from '../chat/ids.js';
import { addMentions } from '../chat/mentions.js';
import { withChat } from '../chat/schema.js';
import { indexMessage } from '../chat/search-index.js';
import type { Database } from '../db/index.js';

/** The rooms of *Espace RH 360*; their ids are stable so that demo pages can embed them. */
export const demoRooms = {
  general: 'espace-rh-360-general',
  paie: 'espace-rh-360-questions-paie',
  dialogue: 'espace-rh-360-dialogue-social',
  /** Archived: last year's campaign, listed apart in « Salons archivés ». */
  entretiens2026: 'espace-rh-360-entretiens-2026',
} as const;

interface Line {
  by: 'karim' | 'camille' | 'lea';
  /** Days before the seeding, and Paris time of day. */
  ago: number;
  at: string;
  text: string;
  reactions?: [string, ...string[]][];
  replies?: Line[];
}

/** The next Thursday at least two weeks after `from`, in French: « jeudi 17 décembre ». */
function nextCst(from: number): string {
  const day = new Date(from + 14 * 86_400_000);
  while (day.getUTCDay() !== 4) day.setUTCDate(day.getUTCDate() + 1);
  return day.toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' });
}

const general: Line[] = [
  { by: 'karim', ago: 20, at: '09:12', text: 'Bonjour à toutes et à tous ! Bienvenue dans l’Espace RH 360. Ce salon sert aux annonces du service RH et à vos questions du quotidien. Pour la paie et les congés, utilisez plutôt #questions-paie.', reactions: [['👋', 'camille', 'lea']] },
  { by: 'camille', ago: 20, at: '09:30', text: 'Merci Karim, enfin un endroit pour poser nos questions sans passer par trois mails 🙂' },
  {
    by: 'karim', ago: 14, at: '10:05',
    text: '📌 **Nouvelle note de service sur le télétravail** : à partir du 1er janvier, jusqu’à 2 jours par semaine pour les postes éligibles, après accord de l’encadrant. La demande se fait avec le formulaire du dossier *Formulaires* ; la note complète est dans *Notes de service*.',
    reactions: [['👍', 'camille', 'lea'], ['🎉', 'camille']],
    replies: [
      { by: 'camille', ago: 14, at: '10:22', text: 'Est-ce que l’accueil état civil est concerné ? On est au guichet toute la journée.' },
      { by: 'karim', ago: 14, at: '10:41', text: 'Les postes d’accueil du public ne sont pas éligibles en l’état, mais une journée à distance pour les tâches de back-office peut être étudiée avec ta cheffe de service.' },
      { by: 'lea', ago: 14, at: '11:03', text: 'Nous demanderons au prochain CST que la liste des postes éligibles soit revue chaque année.' },
    ],
  },
  { by: 'lea', ago: 12, at: '14:20', text: 'Rappel : la permanence syndicale a lieu chaque jeudi de 12 h à 14 h, salle 2 au rez-de-chaussée de l’annexe.' },
  { by: 'camille', ago: 9, at: '08:47', text: 'Quelqu’un sait si la salle du conseil est libre vendredi après-midi pour la formation au nouveau logiciel d’état civil ?' },
  { by: 'karim', ago: 9, at: '09:02', text: 'Je viens de vérifier : elle est réservée jusqu’à 15 h, ensuite elle est libre. Je te la bloque de 15 h à 17 h ?' },
  { by: 'camille', ago: 9, at: '09:05', text: 'Parfait, merci !', reactions: [['👌', 'karim']] },
  { by: 'karim', ago: 3, at: '16:30', text: 'Les entretiens professionnels 2027 commencent en février. Le calendrier sera publié d’ici la fin du mois ; les encadrants suivront une courte formation avant.' },
  { by: 'camille', ago: 1, at: '11:15', text: '@karim est-ce qu’on aura le support d’entretien à l’avance pour se préparer ?' },
  { by: 'karim', ago: 1, at: '11:40', text: 'Oui, il sera envoyé avec la convocation, au moins 8 jours avant l’entretien.' },
];

const paie: Line[] = [
  { by: 'camille', ago: 18, at: '13:10', text: 'Bonjour, j’ai vu une ligne « CIA » sur ma fiche de paie de novembre. C’est quoi exactement, et pourquoi le montant change d’une année à l’autre ?' },
  { by: 'karim', ago: 18, at: '14:02', text: 'Bonjour Camille, le CIA est le complément indemnitaire annuel du RIFSEEP. Il est versé une fois par an et tient compte de l’engagement professionnel et de la manière de servir, appréciés lors de l’entretien professionnel. C’est pour cela que le montant peut varier.' },
  { by: 'lea', ago: 18, at: '14:15', text: 'À noter : les critères d’attribution du CIA sont fixés par la délibération du conseil municipal. Nous pouvons vous la transmettre.' },
  { by: 'camille', ago: 18, at: '14:20', text: 'Merci à vous deux, c’est beaucoup plus clair.', reactions: [['🙏', 'karim', 'lea']] },
  {
    by: 'lea', ago: 11, at: '09:30', text: 'Question qui revient souvent à la permanence : les tickets restaurant, c’est pour quand la nouvelle carte ?',
    reactions: [['👀', 'camille']],
    replies: [
      { by: 'karim', ago: 11, at: '10:12', text: 'Le passage à la carte titre-restaurant est prévu le mois prochain. Chaque agent recevra sa carte à son adresse professionnelle.' },
      { by: 'camille', ago: 11, at: '10:25', text: 'Et pour les agents à temps partiel, le nombre de titres est proratisé ?' },
      { by: 'karim', ago: 11, at: '10:48', text: 'Oui : un titre par jour travaillé comprenant une pause déjeuner, donc au prorata des jours de présence. Les jours de télétravail y donnent droit aussi.' },
      { by: 'lea', ago: 11, at: '11:02', text: 'Bonne nouvelle pour le télétravail, c’était une demande des agents depuis longtemps 👍', reactions: [['👍', 'camille']] },
    ],
  },
  { by: 'camille', ago: 6, at: '15:45', text: 'Pour les congés de fin d’année, la demande doit être faite avant quelle date ?' },
  { by: 'karim', ago: 6, at: '16:05', text: 'Avant le 1er décembre, avec le formulaire de demande de congés. Pensez à vérifier votre solde de congés et de RTT.' },
  { by: 'camille', ago: 2, at: '10:30', text: 'Il me reste 4 jours de congés 2026 : est-ce que je peux les reporter ?' },
  { by: 'karim', ago: 2, at: '11:00', text: 'Oui, jusqu’au 30 avril, ou les verser sur ton compte épargne-temps si tu en as ouvert un.' },
  { by: 'karim', ago: 0, at: '08:40', text: '@camille ton attestation employeur pour la CAF est prête : tu peux passer la chercher au service RH, ou je te l’envoie par courrier interne.' },
];

const dialogue = (start: number): Line[] => [
  { by: 'karim', ago: 16, at: '09:00', text: `Bonjour, le prochain Comité social territorial (CST) aura lieu le ${nextCst(start)} à 14 h, salle du conseil. L’ordre du jour provisoire suivra la semaine prochaine.` },
  { by: 'lea', ago: 16, at: '09:45', text: 'Merci. Nous souhaitons inscrire deux points : le bilan de la première année de télétravail et la grille d’évaluation des entretiens professionnels.' },
  { by: 'karim', ago: 15, at: '10:00', text: 'C’est noté, les deux points seront à l’ordre du jour. @lea peux-tu nous transmettre vos documents d’ici le 10 ?' },
  { by: 'lea', ago: 15, at: '10:20', text: 'Oui, je les dépose dans le dossier « Comptes rendus du CST » avant la fin de la semaine.', reactions: [['👍', 'karim']] },
  { by: 'lea', ago: 8, at: '17:10', text: 'Le compte rendu du dernier CST est validé de notre côté, il peut être diffusé aux agents.' },
  { by: 'karim', ago: 8, at: '17:30', text: 'Merci Léa, je le publie demain dans le dossier partagé et je fais une annonce dans #général.', reactions: [['✅', 'lea']] },
  { by: 'lea', ago: 4, at: '09:15', text: 'Les agents nous demandent si la prime de fin d’année sera revalorisée. Est-ce prévu au budget 2027 ?' },
  { by: 'karim', ago: 4, at: '11:20', text: 'Les arbitrages budgétaires ne sont pas terminés. Je propose d’en parler au CST, avec les chiffres de la direction des finances.' },
];

/** Last year's campaign of professional interviews: done, its room archived once the campaign closed. */
const entretiens2026: Line[] = [
  { by: 'karim', ago: 400, at: '09:30', text: 'La campagne d’entretiens professionnels 2026 est ouverte : les convocations partent cette semaine, les comptes rendus signés sont à remettre au service RH avant le 31 mars.' },
  { by: 'camille', ago: 399, at: '10:12', text: 'Le support d’entretien est-il le même que l’an dernier ?' },
  { by: 'karim', ago: 399, at: '10:40', text: 'Presque : une rubrique détaille maintenant les souhaits de formation, pour préparer le plan de formation 2026.' },
  { by: 'lea', ago: 385, at: '14:05', text: 'Rappel : un agent peut demander la révision de son compte rendu auprès de l’autorité territoriale dans les 15 jours francs qui suivent sa notification.' },
  {
    by: 'karim', ago: 330, at: '17:00',
    text: 'Campagne 2026 close : 96 % des comptes rendus sont saisis dans le SIRH. Merci à toutes et à tous ! Ce salon est archivé ; la campagne 2027 se prépare sur le tableau de l’espace.',
    reactions: [['👏', 'camille', 'lea']],
  },
];

/** `ago` days before `start`, at `hh:mm` Paris time (UTC+1 in winter, close enough for a demo). */
function momentOf(start: number, line: Line): number {
  const [h = 0, m = 0] = line.at.split(':').map(Number);
  const day = new Date(start - line.ago * 86_400_000);
  day.setUTCHours(h - 1, m, 0, 0);
  return day.getTime();
}

/** Seeds the rooms of *Espace RH 360* and their history, in the demo seed's transaction. */
export async function seedChat(trx: Kysely<Database>, start: number): Promise<void> {
  const chat = withChat(trx);
  const rooms: [string, string, string, Line[], { createdDaysAgo: number; archivedDaysAgo?: number }][] = [
    [demoRooms.general, 'général', 'Annonces du service RH et questions du quotidien', general, { createdDaysAgo: 21 }],
    [demoRooms.paie, 'questions-paie', 'Paie, primes, congés et titres-restaurant', paie, { createdDaysAgo: 21 }],
    [demoRooms.dialogue, 'dialogue-social', 'Représentants du personnel et service RH', dialogue(start), { createdDaysAgo: 21 }],
    [demoRooms.entretiens2026, 'entretiens-2026', 'Campagne d’entretiens professionnels 2026 (close)', entretiens2026, { createdDaysAgo: 401, archivedDaysAgo: 330 }],
  ];
  let seq = 0;
  for (const [i, [id, name, topic, lines, { createdDaysAgo, archivedDaysAgo }]] of rooms.entries()) {
    const created = new Date(start - createdDaysAgo * 86_400_000 + i * 60_000).toISOString();
    const updated = archivedDaysAgo === undefined ? created : new Date(start - archivedDaysAgo * 86_400_000).toISOString();
    await chat
      .insertInto('rooms')
      .values({
        id, space_id: 'espace-rh-360', name, topic, archived: archivedDaysAgo === undefined ? 0 : 1, created_by: 'karim',
        version: archivedDaysAgo === undefined ? 1 : 2, created_at: created, updated_at: updated,
      })
      .execute();
    let last = '';
    for (const line of lines) {
      const rootId = await insertLine(trx, { roomId: id, line, threadId: null, start, seq: (seq += 1) });
      last = rootId;
      for (const reply of line.replies ?? []) await insertLine(trx, { roomId: id, line: reply, threadId: rootId, start, seq: (seq += 1) });
      const replies = line.replies ?? [];
      const lastReply = replies.at(-1);
      if (lastReply) {
        await chat
          .updateTable('messages')
          .set({ reply_count: replies.length, last_reply_at: new Date(momentOf(start, lastReply)).toISOString() })
          .where('id', '=', rootId)
          .execute();
      }
    }
    // Karim has read every room; the others have unread messages to discover.
    await chat.insertInto('read_markers').values({ room_id: id, user_id: 'karim', message_id: last, updated_at: new Date(start).toISOString() }).execute();
  }
}

async function insertLine(
  trx: Kysely<Database>,
  o: { roomId: string; line: Line; threadId: string | null; start: number; seq: number },
): Promise<string> {
  const chat = withChat(trx);
  const ms = momentOf(o.start, o.line);
  const id = messageIdAt(ms, o.seq);
  const at = new Date(ms).toISOString();
  await chat
    .insertInto('messages')
    .values({
      id,
      room_id: o.roomId,
      space_id: 'espace-rh-360',
      author_id: o.line.by,
      text: o.line.text,
      thread_id: o.threadId,
      reply_count: 0,
      last_reply_at: null,
      attachments: '[]',
      created_at: at,
      edited_at: null,
      deleted_at: null,
      version: 1,
    })
    .execute();
  await addMentions(trx, { id, spaceId: 'espace-rh-360', text: o.line.text });
  await indexMessage(trx, id);
  for (const [emoji, ...people] of o.line.reactions ?? []) {
    for (const [i, userId] of people.entries()) {
      await chat.insertInto('reactions').values({ message_id: id, user_id: userId, emoji, created_at: new Date(ms + 60_000 * (i + 1)).toISOString() }).execute();
    }
  }
  return id;
}
