/**
 * The sections of the report and the checks (modules under `checks/`) each one runs, in the order
 * they run. A backend implements a section when every check of it passes (docs/conformance.md).
 */
export const sections = {
  conventions: ['problems', 'etag-pagination', 'input-hygiene'],
  events: ['events'],
  idempotency: ['idempotency', 'client-id'],
  authorization: ['authorization'],
  chat: ['chat'],
  files: ['files'],
  boards: ['boards'],
} as const satisfies Record<string, readonly string[]>;

export type Section = keyof typeof sections;

export const sectionNames = Object.keys(sections) as Section[];
