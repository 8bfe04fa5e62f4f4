import { expect } from '@open-wc/testing';
import type { NotificationFeed } from '../index.js';
import { closeClients, signedIn, streamStatus, unique, wipeLocalData } from '../test/helpers.js';

const SPACE = 'espace-rh-360';

describe('notifications and search', () => {
  beforeEach(wipeLocalData);
  afterEach(closeClients);

  it('a mention is counted live in the watched feed, then read here and in another tab', async () => {
    const camille = await signedIn('camille');
    const controller = new AbortController();
    const feeds: NotificationFeed[] = [];
    let wake: (() => void) | null = null;
    const nextFeed = (test: (feed: NotificationFeed) => boolean): Promise<NotificationFeed> =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = feeds.findLast(test);
          if (found) resolve(found);
          else wake = check;
        };
        check();
      });
    await camille.notifications.watch(
      (feed) => {
        feeds.push(feed);
        wake?.();
      },
      { signal: controller.signal },
    );
    await streamStatus(camille.stream, 'open');
    const before = feeds.at(-1)?.unreadCount ?? 0;
    // Karim writes on this same browser (one cookie jar): Camille's stream stays open as Camille.
    const karim = await signedIn('karim', { storage: 'memory' });
    const room = await karim.chat.createRoom(SPACE, { name: unique('notif') });
    const sent = await karim.chat.send(room.id, 'Bonjour @camille, ta question sur la prime est réglée.');
    const live = await nextFeed((feed) => feed.items[0]?.target.type === 'message' && feed.items[0].target.messageId === sent.id);
    expect(live.unreadCount).to.equal(before + 1);
    expect(live.items[0]?.kind).to.equal('mention');
    // She reads them in another tab: only notification.read on the stream can tell this one.
    const otherTab = await signedIn('camille', { storage: 'memory' });
    const left = await otherTab.notifications.markAllRead();
    expect(left).to.equal(0);
    const read = await nextFeed((feed) => feed.unreadCount === 0);
    expect(read.items.every((n) => n.readAt !== null)).to.equal(true);
    controller.abort();
  });

  it('search finds across the rooms of the space and opens a room around a result', async () => {
    const karim = await signedIn('karim');
    
    const room = await karim.chat.createRoom(SPACE, { name: unique('recherche') });
    const word = unique('mot').replace(/[^a-z0-9]/giu, '');
    const sent = [];
    for (let i = 0; i < 6; i += 1) sent.push(await karim.chat.send(room.id, i === 2 ? `Le ${word} cherché` : `message ${i}`));
    const hits = await karim.search.messages(SPACE, word);
    expect(hits.items.map((hit) => hit.message.id)).to.deep.equal([sent[2]?.id]);
    expect(hits.items[0]?.roomName).to.equal(room.name);
    const page = await karim.search.around(room.id, sent[2]?.id ?? '', { limit: 3 });
    expect(page.items.map((m) => m.id)).to.deep.equal(sent.slice(1, 4).map((m) => m.id));
    const newer = await karim.search.newer(room.id, page.newerCursor ?? '', { limit: 5 });
    expect(newer.items.map((m) => m.id)).to.deep.equal(sent.slice(4).map((m) => m.id));
    const theo = await signedIn('theo', { storage: 'memory' });
    let refused: unknown;
    try {
      await theo.search.messages(SPACE, word);
    } catch (error) {
      refused = error;
    }
    expect((refused as { status?: number }).status).to.equal(404);
  });
});
