import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { Db } from '../db/index.js';
import type { EventLog } from '../events/log.js';
import type { BlobStore } from '../files/blob-store.js';
import { newFolderId } from '../files/ids.js';
import { ingest } from '../files/ingest.js';
import { nameKey } from '../files/names.js';
import { presentFolder } from '../files/present.js';
import { withFiles } from '../files/schema.js';
import { ensureRoot } from '../files/tree.js';

const spaceId = 'espace-rh-360';

/** A one-page PDF 1.4 with a title and lines of text (Helvetica, WinAnsi), offsets computed. */
export function minimalPdf(title: string, lines: string[]): Buffer {
  const latin1 = (text: string) => text.replace(/[’]/g, "'").replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 18 Tf 56 780 Td (${latin1(title)}) Tj ET`, ...lines.map((line, i) => `BT /F1 11 Tf 56 ${740 - i * 18} Td (${latin1(line)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    `<< /Title (${latin1(title)}) /Author (Karim Benali) /Producer (Bureau demo) >>`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An organisation chart as a PNG (RGB): the DRH on top, three services below, joined by lines. */
export function orgChartPng(width = 480, height = 260): Buffer {
  const pixels = Buffer.alloc(width * height * 3, 0xff);
  const fill = (x0: number, y0: number, w: number, h: number, [r, g, b]: [number, number, number]) => {
    for (let y = y0; y < y0 + h; y += 1) for (let x = x0; x < x0 + w; x += 1) pixels.set([r, g, b], (y * width + x) * 3);
  };
  const blue: [number, number, number] = [0, 0, 145];
  const light: [number, number, number] = [227, 227, 253];
  const grey: [number, number, number] = [102, 102, 102];
  fill(180, 20, 120, 50, blue);
  fill(238, 70, 4, 40, grey);
  fill(78, 108, 324, 4, grey);
  for (const x of [40, 180, 320]) {
    fill(x + 38, 110, 4, 40, grey);
    fill(x, 150, 120, 50, light);
    fill(x, 150, 120, 4, blue);
  }
  const rows = Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * width * 3, (y + 1) * width * 3)]));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const trainingCalendar = [
  'Formation;Public;Date;Durée;Lieu',
  'Conduite de l’entretien professionnel;Encadrants;2027-01-12;1 jour;Salle du conseil',
  'Prévention des risques psychosociaux;Tous les agents;2027-01-26;0,5 jour;Visioconférence',
  'Accueil du public en situation difficile;Agents d’accueil;2027-02-09;1 jour;Maison des services',
  'Outils numériques collaboratifs;Tous les agents;2027-03-02;0,5 jour;Salle informatique',
  'Gestes et postures;Services techniques;2027-03-16;1 jour;Centre technique municipal',
].join('\n');

type SeedFile = { name: string; bytes: Buffer };
const tree: { folder: string; files: SeedFile[] }[] = [
  {
    folder: 'Notes de service',
    files: [
      { name: 'Note de service — horaires d’été 2026.pdf', bytes: minimalPdf('Note de service - horaires d’ete', ['Du 1er juillet au 31 aout, les services ouvrent de 8 h a 16 h.', 'Les plannings sont valides par chaque responsable de service.']) },
      { name: 'Organigramme de la DRH.png', bytes: orgChartPng() },
    ],
  },
  {
    folder: 'Guides RH',
    files: [
      { name: 'Guide du télétravail.pdf', bytes: minimalPdf('Guide du teletravail', ['Jusqu’a deux jours par semaine, sur demande a son responsable.', 'Un avenant precise les jours et le lieu de teletravail.', 'Le materiel est fourni par la collectivite.']) },
      { name: 'Guide des congés.pdf', bytes: minimalPdf('Guide des conges', ['25 jours de conges annuels pour un temps complet.', 'Les demandes se font au moins 15 jours a l’avance.', 'Le compte epargne-temps accueille les jours non pris.']) },
      { name: 'Calendrier des formations 2027.csv', bytes: Buffer.from(trainingCalendar, 'utf8') },
    ],
  },
  {
    folder: 'Comptes rendus du CST',
    files: [{ name: 'Compte rendu du CST — octobre 2026.pdf', bytes: minimalPdf('Compte rendu du CST - octobre 2026', ['Avis favorable sur la grille d’evaluation des entretiens.', 'Point d’etape sur le plan de formation 2027.']) }],
  },
  {
    folder: 'Formulaires',
    files: [
      { name: 'Demande de formation.pdf', bytes: minimalPdf('Demande de formation', ['Nom, prenom, service :', 'Intitule de la formation :', 'Avis du responsable :']) },
      { name: 'Demande de congés.pdf', bytes: minimalPdf('Demande de conges', ['Nom, prenom, service :', 'Du :            Au :', 'Visa du responsable :']) },
    ],
  },
];

/**
 * The documents of *Espace RH 360*, authored by Karim, on the first start in demo mode (when the
 * space exists and has no folder yet); a no-op afterwards.
 */
export async function seedFiles(deps: { db: Db; events: EventLog; blobs: BlobStore }): Promise<void> {
  const files = withFiles(deps.db);
  const space = await deps.db.selectFrom('spaces').select('id').where('id', '=', spaceId).executeTakeFirst();
  const karim = await deps.db.selectFrom('users').selectAll().where('id', '=', 'karim').executeTakeFirst();
  const anyFolder = await files.selectFrom('folders').select('id').where('space_id', '=', spaceId).executeTakeFirst();
  if (!space || !karim || anyFolder) return;
  for (const { folder, files: items } of tree) {
    const folderId = await deps.events.transaction(async (trx, append) => {
      const root = await ensureRoot(trx, spaceId);
      const now = new Date().toISOString();
      const row = { id: newFolderId(), space_id: spaceId, parent_id: root.id, name: folder, name_key: nameKey(folder), created_by: karim.id, created_at: now, updated_at: now, deleted_at: null, deleted_with: null, version: 1 };
      await withFiles(trx).insertInto('folders').values(row).execute();
      await append({ type: 'folder.created', spaceId, data: presentFolder(row) });
      return row.id;
    });
    for (const item of items) {
      await ingest({ events: deps.events, blobs: deps.blobs, quotaBytes: null }, karim, { kind: 'new-file', folderId, name: item.name, clientId: null }, Readable.from([item.bytes]), null);
    }
  }
}
