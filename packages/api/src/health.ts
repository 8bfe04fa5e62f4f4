import { Type, type Static } from '@sinclair/typebox';

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    version: Type.String(),
    database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  },
  { $id: 'Health' },
);
export type Health = Static<typeof Health>;
