import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp, VisibleName } from './common.js';

/**
 * A person's role in a space: `owner` manages the space and its members, `member` reads and
 * writes, `guest` only reads.
 */
export const Role = Type.Union([Type.Literal('owner'), Type.Literal('member'), Type.Literal('guest')], {
  $id: 'Role',
});
export type Role = Static<typeof Role>;

const SpaceName = VisibleName(120);
const SpaceDescription = Type.String({ maxLength: 2000 });

/** A space, as its member sees it. `version` increases on every change and makes the `ETag`. */
export const Space = Type.Object(
  {
    id: Id,
    name: SpaceName,
    description: SpaceDescription,
    role: Role,
    version: Type.Integer({ minimum: 1 }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Space' },
);
export type Space = Static<typeof Space>;

export const CreateSpace = Type.Object(
  { name: SpaceName, description: Type.Optional(SpaceDescription) },
  { additionalProperties: false },
);
export type CreateSpace = Static<typeof CreateSpace>;

export const UpdateSpace = Type.Object(
  { name: Type.Optional(SpaceName), description: Type.Optional(SpaceDescription) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSpace = Static<typeof UpdateSpace>;

export const SpaceParams = Type.Object({ spaceId: Id });
export type SpaceParams = Static<typeof SpaceParams>;

/** A person's membership of a space. */
export const Member = Type.Object(
  {
    userId: Id,
    name: Type.String(),
    role: Role,
    joinedAt: Timestamp,
    referent: Type.Optional(Type.Boolean({ description: 'Designated a référent of the space by its owners.' })),
  },
  { $id: 'Member' },
);
export type Member = Static<typeof Member>;

export const MemberParams = Type.Object({ spaceId: Id, userId: Id });
export type MemberParams = Static<typeof MemberParams>;

/** `PUT /v1/spaces/{spaceId}/members/{userId}`: add a person or change their role. */
export const PutMember = Type.Object({ role: Role }, { additionalProperties: false });
export type PutMember = Static<typeof PutMember>;
