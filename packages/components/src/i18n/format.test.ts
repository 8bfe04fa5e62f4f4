import { expect } from '@open-wc/testing';
import { formatBytes, formatDate } from './format.js';
import { matchLanguage } from './catalogues.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { boardEn } from './board.en.js';
import { boardFr } from './board.fr.js';
import { chatEn } from './chat.en.js';
import { chatFr } from './chat.fr.js';
import { filesEn } from './files.en.js';
import { inboxFr } from './inbox.fr.js';

describe('i18n', () => {
  it('formats sizes with decimal units, in French and English', () => {
    // Intl puts a narrow no-break space between number and unit in French.
    const normal = (text: string) => text.replace(/\s/g, ' ');
    expect(normal(formatBytes(0, 'fr'))).to.equal('0 o');
    expect(normal(formatBytes(999, 'fr'))).to.equal('999 o');
    expect(normal(formatBytes(1_500_000, 'fr'))).to.equal('1,5 Mo');
    expect(normal(formatBytes(1_500_000, 'en'))).to.equal('1.5 MB');
    expect(normal(formatBytes(250_000_000_000, 'en'))).to.equal('250 GB');
    expect(() => formatBytes(-1, 'fr')).to.throw(RangeError);
  });

  it('counts with Intl.PluralRules: French 0 is singular, English 0 plural', () => {
    expect(chatFr.chatReplies(0)).to.equal('0 réponse');
    expect(chatFr.chatReplies(1)).to.equal('1 réponse');
    expect(chatFr.chatReplies(2)).to.equal('2 réponses');
    expect(chatEn.chatReplies(0)).to.equal('0 replies');
    expect(chatEn.chatReplies(1)).to.equal('1 reply');
    expect(boardFr.boardColumnCount(0)).to.equal('0 carte');
    expect(boardEn.boardColumnCount(0)).to.equal('0 cards');
    expect(boardFr.boardColumnCount(12, 5)).to.equal('5 sur 12 cartes');
    expect(chatFr.roomUnread(0)).to.equal('0 message non lu');
    expect(inboxFr.inboxBell(1)).to.equal('Notifications, 1 non lue');
    expect(inboxFr.inboxBell(3)).to.equal('Notifications, 3 non lues');
    expect(filesEn.filesSelected(0)).to.equal('0 items selected');
  });

  it('formats dates with Intl', () => {
    const date = new Date(2026, 10, 28, 16, 42);
    expect(formatDate(date, 'fr')).to.contain('28 nov. 2026');
    expect(formatDate(date, 'en')).to.contain('Nov 28, 2026');
    expect(formatDate(date, 'fr', { dateStyle: 'long' })).to.equal('28 novembre 2026');
  });

  it('matches BCP 47 tags to the languages it speaks', () => {
    expect(matchLanguage('fr-FR')).to.equal('fr');
    expect(matchLanguage('EN-gb')).to.equal('en');
    expect(matchLanguage('de')).to.equal(undefined);
  });

  it('has every French string in English', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(fr).sort());
  });
});
