/** One thing read from a `text/event-stream`. */
export type SseItem =
  | { kind: 'message'; id: string | undefined; event: string; data: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number };

/**
 * Reads a `text/event-stream` body as the HTML standard describes (lines, `field: value`, blank
 * line dispatches). Only complete messages are yielded: a message cut by a disconnect is dropped.
 */
export async function* readSse(response: Response): AsyncGenerator<SseItem> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  let id: string | undefined;
  let event = '';
  let data: string[] = [];
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end = buffer.search(/\r\n|\r|\n/);
    while (end !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      end = buffer.search(/\r\n|\r|\n/);
      if (line === '') {
        if (data.length > 0) yield { kind: 'message', id, event: event || 'message', data: data.join('\n') };
        id = undefined;
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) {
        yield { kind: 'comment', text: line.slice(1).trimStart() };
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) yield { kind: 'retry', ms: Number(value) };
    }
  }
}

/** The events of a stream, parsed: `{ id, event, envelope }`. */
export async function* readEvents(response: Response): AsyncGenerator<{ id: string | undefined; event: string; envelope: Envelope }> {
  for await (const item of readSse(response)) {
    if (item.kind === 'message') yield { id: item.id, event: item.event, envelope: JSON.parse(item.data) as Envelope };
  }
}

export interface Envelope {
  position: string;
  type: string;
  spaceId: string | null;
  at: string;
  data: Record<string, unknown>;
}
