import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';
import { maxRulesLength } from './constants.js';

/** What the audit log records. */
export const AuditAction = Type.Union(
  [
    Type.Literal('member.added'),
    Type.Literal('member.role-changed'),
    Type.Literal('member.removed'),
    Type.Literal('member.referent-changed'),
    Type.Literal('rules.changed'),
    Type.Literal('policy.changed'),
    Type.Literal('export.requested'),
    Type.Literal('person.erased'),
    Type.Literal('retention.purged'),
    Type.Literal('insights.read'),
  ],
  { $id: 'AuditAction' },
);
export type AuditAction = Static<typeof AuditAction>;

/** One entry of the audit log: who did what, when. `actor` is null for the maintenance job. */
export const AuditEntry = Type.Object(
  {
    id: Id,
    at: Timestamp,
    actor: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    spaceId: Type.Union([Id, Type.Null()]),
    action: AuditAction,
    targetId: Type.Union([Type.String(), Type.Null()]),
    target: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()], {
      description: 'The person the action was about (members, exports, erasures), with their name as it is now; null otherwise.',
    }),
    detail: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntry>;

/** A space's rules of use as the caller sees them. `version` 0: the space has none yet. */
export const Rules = Type.Object(
  {
    spaceId: Id,
    version: Type.Integer({ minimum: 0 }),
    text: Type.String(),
    updatedAt: Type.Union([Timestamp, Type.Null()]),
    acceptedVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    acceptedAt: Type.Union([Timestamp, Type.Null()]),
    mustAccept: Type.Boolean({ description: 'True while the caller has not accepted the current version: show the rules first.' }),
  },
  { $id: 'Rules' },
);
export type Rules = Static<typeof Rules>;

export { maxRulesLength } from './constants.js';

/** `PUT /v1/spaces/{spaceId}/rules`: a new version of the rules (owners). */
export const PutRules = Type.Object({ text: Type.String({ minLength: 1, maxLength: maxRulesLength }) }, { additionalProperties: false });
export type PutRules = Static<typeof PutRules>;

/** `POST /v1/spaces/{spaceId}/rules/acceptance`: the version the person read and accepts. */
export const AcceptRules = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type AcceptRules = Static<typeof AcceptRules>;

/** `PUT /v1/spaces/{spaceId}/members/{userId}/referent` (owners). */
export const PutReferent = Type.Object({ referent: Type.Boolean() }, { additionalProperties: false });
export type PutReferent = Static<typeof PutReferent>;

/** A space's data policy: what erasure does with a person's content, and how long content is kept. */
export const SpacePolicy = Type.Object(
  {
    erasure: Type.Union([Type.Literal('pseudonymise'), Type.Literal('delete')]),
    messageRetentionMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 600 }), Type.Null()]),
    documentRetentionMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 600 }), Type.Null()]),
    trashRetentionDays: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]),
  },
  { $id: 'SpacePolicy', additionalProperties: false },
);
export type SpacePolicy = Static<typeof SpacePolicy>;

/** `POST /v1/spaces/{spaceId}/retention/purge`. */
export const PurgeRequest = Type.Object({ dryRun: Type.Boolean() }, { additionalProperties: false });
export type PurgeRequest = Static<typeof PurgeRequest>;

/** What a retention purge removed, or would remove on a dry run. */
export const PurgeReport = Type.Object(
  {
    spaceId: Id,
    dryRun: Type.Boolean(),
    messages: Type.Array(Type.Object({ id: Id, roomId: Id, createdAt: Timestamp })),
    files: Type.Array(Type.Object({ id: Id, name: Type.String(), updatedAt: Timestamp })),
    trashedFiles: Type.Integer({ minimum: 0, description: 'Files purged from the trash.' }),
  },
  { $id: 'PurgeReport' },
);
export type PurgeReport = Static<typeof PurgeReport>;

/** `?from=&to=`: calendar dates, both included; whole ISO weeks (Monday to Sunday, UTC) are reported. */
export const InsightsQuery = Type.Object(
  { from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) },
  { additionalProperties: false },
);
export type InsightsQuery = Static<typeof InsightsQuery>;

const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

/**
 * One week's figures. When fewer than `threshold` people were active, `suppressed` is true and every
 * figure is null: a small group's activity would point at people.
 */
export const InsightsWeek = Type.Object(
  {
    week: Type.String({ format: 'date', description: 'The Monday that starts the week (UTC).' }),
    suppressed: Type.Boolean(),
    activeMembers: Count,
    messages: Count,
    threadsAnswered: Count,
    medianFirstAnswerMinutes: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    documentsAdded: Count,
    documentsDownloaded: Count,
    cardsCreated: Count,
    cardsCompleted: Count,
    cardsOverdue: Count,
  },
  { $id: 'InsightsWeek' },
);
export type InsightsWeek = Static<typeof InsightsWeek>;

/** Usage indicators: weekly aggregates of one space, or of the instance (`spaceId` null). */
export const Insights = Type.Object(
  {
    spaceId: Type.Union([Id, Type.Null()]),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    threshold: Type.Integer({ description: 'Weeks with fewer active people than this are suppressed.' }),
    weeks: Type.Array(InsightsWeek),
  },
  { $id: 'Insights' },
);
export type Insights = Static<typeof Insights>;

/** A person's data export: prepared in the background, then downloaded as a ZIP. */
export const DataExport = Type.Object(
  {
    id: Id,
    status: Type.Union([Type.Literal('preparing'), Type.Literal('ready'), Type.Literal('failed')]),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    size: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    createdAt: Timestamp,
    finishedAt: Type.Union([Timestamp, Type.Null()]),
    downloadUrl: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'DataExport' },
);
export type DataExport = Static<typeof DataExport>;

/** What an erasure did in each space the person had content or a membership in. */
export const Erasure = Type.Object(
  {
    userId: Id,
    erasedAt: Timestamp,
    pseudonym: Type.String(),
    spaces: Type.Array(Type.Object({ spaceId: Id, policy: Type.Union([Type.Literal('pseudonymise'), Type.Literal('delete')]) })),
  },
  { $id: 'Erasure' },
);
export type Erasure = Static<typeof Erasure>;

export const UserParams = Type.Object({ userId: Id });
export type UserParams = Static<typeof UserParams>;

/** The name an erased person's kept content shows. */
export const erasedName = 'Ancien·ne agent·e';
