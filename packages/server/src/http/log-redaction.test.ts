import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from './log-redaction.js';

describe('request log redaction', () => {
  it('hides the sign-in code, state, session state and tokens, and keeps the rest readable', () => {
    assert.equal(
      redactUrl('/v1/auth/callback?code=abc.def&state=xyz&session_state=s1&iss=https%3A%2F%2Fidp'),
      '/v1/auth/callback?code=[redacted]&state=[redacted]&session_state=[redacted]&iss=https%3A%2F%2Fidp',
    );
    assert.equal(redactUrl('/v1/auth/logged-out?state=abc'), '/v1/auth/logged-out?state=[redacted]');
    assert.equal(redactUrl('/x?access_token=t&id_token_hint=h&Token=u&q=1'), '/x?access_token=[redacted]&id_token_hint=[redacted]&Token=[redacted]&q=1');
    assert.equal(redactUrl('/v1/rooms?limit=20'), '/v1/rooms?limit=20');
    assert.equal(redactUrl('/v1/health'), '/v1/health');
    assert.equal(redactUrl('/x?%63ode=secret'), '/x?%63ode=[redacted]', 'an encoded name is still recognised');
  });
});
