// oidc-provider (the identity provider the tests start) ships no types; the tests use little of it.
declare module 'oidc-provider';
