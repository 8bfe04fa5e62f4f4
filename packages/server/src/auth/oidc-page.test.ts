import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopback } from './oidc-loopback.js';
import { pageLanguage } from './oidc-page.js';

describe('sign-in pages and loopback names', () => {
  it('speaks French unless the browser prefers English', () => {
    assert.equal(pageLanguage(undefined), 'fr');
    assert.equal(pageLanguage('fr-FR,fr;q=0.9,en;q=0.8'), 'fr');
    assert.equal(pageLanguage('en-GB,en;q=0.9,fr;q=0.8'), 'en');
    assert.equal(pageLanguage('de-DE,en;q=0.5'), 'en');
    assert.equal(pageLanguage('de-DE,it;q=0.5'), 'fr');
    assert.equal(pageLanguage('en;q=0.2,fr;q=0.8'), 'fr');
    assert.equal(pageLanguage('en;q=0'), 'fr');
  });

  it('takes localhost, *.localhost, 127.0.0.0/8 and [::1] as loopback, and nothing else', () => {
    for (const name of ['localhost', 'auth.localhost', 'a.b.localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]']) assert.ok(isLoopback(name), name);
    for (const name of ['localhost.example', 'evillocalhost', '127.0.0.1.example', '128.0.0.1', '127.0.0.256', '[::2]', '10.0.0.1']) {
      assert.ok(!isLoopback(name), name);
    }
  });
});
