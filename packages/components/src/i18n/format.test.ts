import { expect } from '@open-wc/testing';
import { formatBytes, formatDate } from './format.js';
import { matchLanguage } from './catalogues.js';
import { en } from './en.js';
import { fr } from './fr.js';

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
