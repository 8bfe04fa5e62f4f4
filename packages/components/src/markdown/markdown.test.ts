import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { parseMarkdown, parseInline, renderMarkdown, safeHref } from './markdown.js';

/** Renders `text` into a fresh element and returns it. */
function rendered(text: string, mentions: string[] = []): HTMLElement {
  const host = document.createElement('div');
  render(renderMarkdown(text, { mentions: new Set(mentions), nameOf: (id) => (id === 'camille' ? 'Camille Martin' : undefined), selfId: 'camille' }), host);
  return host;
}

/** Every element of `host` and whether any carries an event-handler attribute. */
function assertInert(host: HTMLElement): void {
  expect(host.querySelector('script, img, svg, iframe, object, embed, style, math, form, input')).to.equal(null);
  for (const element of host.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `<${element.localName} ${attribute.name}>`).to.equal(false);
    }
    if (element instanceof HTMLAnchorElement) expect(['http:', 'https:', 'mailto:']).to.include(element.protocol);
  }
}

const hostile = [
  '<script>window.bureauPwned = true</script>',
  '<img src=x onerror="window.bureauPwned = true">',
  '<svg onload="window.bureauPwned = true"><circle r="1"/></svg>',
  '<a href="javascript:window.bureauPwned=true">clic</a>',
  '[clic](javascript:window.bureauPwned=true)',
  '[clic]( javascript:alert(1))',
  '[clic](JaVaScRiPt:alert(1))',
  '[clic](data:text/html,<script>alert(1)</script>)',
  '[clic](vbscript:msgbox(1))',
  '[clic](\u0001javascript:alert(1))',
  'javascript:alert(1)',
  '**<img src=x onerror=alert(1)>**',
  '`<script>alert(1)</script>`',
  '```\n<svg/onload=alert(1)>\n```',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '"><img src=x onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '[<img src=x onerror=alert(1)>](https://exemple.fr)',
  'https://exemple.fr/"><script>alert(1)</script>',
];

describe('Markdown: parsing', () => {
  it('parses bold, italic, inline code, links, mentions and line breaks', () => {
    expect(parseInline('**gras** et *italique* et _aussi_ et `code`')).to.deep.equal([
      { kind: 'strong', children: [{ kind: 'text', text: 'gras' }] },
      { kind: 'text', text: ' et ' },
      { kind: 'emphasis', children: [{ kind: 'text', text: 'italique' }] },
      { kind: 'text', text: ' et ' },
      { kind: 'emphasis', children: [{ kind: 'text', text: 'aussi' }] },
      { kind: 'text', text: ' et ' },
      { kind: 'code', text: 'code' },
    ]);
    expect(parseInline('voir [la note](https://exemple.fr/note) ou https://exemple.fr/a_b.')).to.deep.equal([
      { kind: 'text', text: 'voir ' },
      { kind: 'link', href: 'https://exemple.fr/note', label: 'la note' },
      { kind: 'text', text: ' ou ' },
      { kind: 'link', href: 'https://exemple.fr/a_b', label: 'https://exemple.fr/a_b' },
      { kind: 'text', text: '.' },
    ]);
    expect(parseInline('merci @camille\nà demain')).to.deep.equal([
      { kind: 'text', text: 'merci ' },
      { kind: 'mention', userId: 'camille' },
      { kind: 'break' },
      { kind: 'text', text: 'à demain' },
    ]);
  });

  it('leaves snake_case, e-mail addresses, arithmetic and escaped markers alone', () => {
    expect(parseInline('nom_de_fichier')).to.deep.equal([{ kind: 'text', text: 'nom_de_fichier' }]);
    expect(parseInline('rh@mairie.fr')).to.deep.equal([{ kind: 'text', text: 'rh@mairie.fr' }]);
    expect(parseInline('2 * 3 * 4')).to.deep.equal([{ kind: 'text', text: '2 * 3 * 4' }]);
    expect(parseInline('\\*pas italique\\*')).to.deep.equal([{ kind: 'text', text: '*pas italique*' }]);
  });

  it('keeps unbalanced and nested markers as text without losing a character', () => {
    const samples = ['**gras', '*a **b* c**', '`a', '[lien](https://x.fr', '***', '_a *b_ c*', '**a *b **c** d* e**', '[a](b)(c)'];
    for (const sample of samples) {
      const text = parseMarkdown(sample)
        .flatMap((block) => (block.kind === 'paragraph' ? block.children : []))
        .map(function flat(node): string {
          if (node.kind === 'text') return node.text;
          if (node.kind === 'strong' || node.kind === 'emphasis') return node.children.map(flat).join('');
          if (node.kind === 'code') return node.text;
          if (node.kind === 'link') return node.label;
          if (node.kind === 'mention') return `@${node.userId}`;
          return '\n';
        })
        .join('');
      // Markers that formed elements are consumed; every other character survives.
      expect(sample.replace(/[*_`[\]()]/g, '').replace('https://x.fr', ''), sample).to.include(text.replace(/[*_`[\]()]/g, '').replace('https://x.fr', ''));
    }
    expect(parseInline('**gras')).to.deep.equal([{ kind: 'text', text: '**gras' }]);
  });

  it('parses fenced code blocks and paragraphs', () => {
    expect(parseMarkdown('Avant\n\n```\nconst a = "**x**";\n```\nAprès')).to.deep.equal([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Avant' }] },
      { kind: 'code-block', text: 'const a = "**x**";' },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Après' }] },
    ]);
    expect(parseMarkdown('```\nnon fermé')).to.deep.equal([{ kind: 'paragraph', children: [{ kind: 'text', text: '```' }, { kind: 'break' }, { kind: 'text', text: 'non fermé' }] }]);
  });

  it('only links http, https and mailto URLs', () => {
    expect(safeHref('https://exemple.fr')).to.equal('https://exemple.fr/');
    expect(safeHref('mailto:rh@mairie.fr')).to.equal('mailto:rh@mairie.fr');
    for (const url of ['javascript:alert(1)', ' https://x.fr', 'data:text/html,x', 'vbscript:x', '//evil.fr', '/relative', 'http://', 'ftp://x.fr']) {
      expect(safeHref(url), url).to.equal(undefined);
    }
  });

  it('parses 10,000 characters of hostile markers in linear time', () => {
    for (const sample of ['*'.repeat(10_000), '['.repeat(9_990) + '](https://x.fr)', '`'.repeat(10_000), '_a'.repeat(5_000), '**a'.repeat(3_333), '@'.repeat(10_000), 'h'.repeat(10_000)]) {
      const blocks = parseMarkdown(sample);
      expect(blocks.length).to.be.greaterThan(0);
    }
    const host = rendered('**a** '.repeat(1_666));
    expect(host.querySelectorAll('strong').length).to.equal(1_666);
  });
});

describe('Markdown: rendering', () => {
  it('renders elements for the Markdown subset, with safe links', () => {
    const host = rendered('**gras** *it* `code` [note](https://exemple.fr) @camille @inconnu', ['camille']);
    expect(host.querySelector('strong')?.textContent).to.equal('gras');
    expect(host.querySelector('em')?.textContent).to.equal('it');
    expect(host.querySelector('code')?.textContent).to.equal('code');
    const link = host.querySelector('a');
    expect(link?.getAttribute('href')).to.equal('https://exemple.fr/');
    expect(link?.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link?.getAttribute('target')).to.equal('_blank');
    const mention = host.querySelector('[part~="mention"]');
    expect(mention?.textContent).to.equal('@Camille Martin');
    expect(mention?.getAttribute('part')).to.equal('mention mention-self');
    expect(host.textContent).to.contain('@inconnu');
  });

  it('renders hostile payloads as inert literal text', () => {
    for (const payload of hostile) {
      const host = rendered(payload);
      assertInert(host);
      expect(host.querySelector('a[href^="javascript"], a[href^="data"], a[href^="vbscript"]'), payload).to.equal(null);
    }
    const script = rendered('<script>window.bureauPwned = true</script>');
    expect(script.textContent).to.equal('<script>window.bureauPwned = true</script>');
    const image = rendered('<img src=x onerror="window.bureauPwned = true">');
    expect(image.textContent).to.equal('<img src=x onerror="window.bureauPwned = true">');
    const link = rendered('[clic](javascript:window.bureauPwned=true)');
    expect(link.textContent).to.equal('[clic](javascript:window.bureauPwned=true)');
    expect((window as { bureauPwned?: boolean }).bureauPwned).to.equal(undefined);
  });

  it('renders a 10,000-character message', () => {
    const text = `${'Lorem **ipsum** _dolor_ `sit` https://exemple.fr @camille <b>x</b>\n'.repeat(200)}`.slice(0, 10_000);
    const host = rendered(text, ['camille']);
    assertInert(host);
    expect(host.querySelectorAll('strong').length).to.be.greaterThan(100);
    expect(host.querySelector('b')).to.equal(null);
  });
});
