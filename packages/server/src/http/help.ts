import type { FastifyInstance } from 'fastify';

/**
 * The page `<bureau-client>` links to when a page cannot sign in with the session cookie: why, in
 * plain words, and what the intranet team can do. French first, English below; no script, no asset.
 */
const page = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Se connecter à Bureau depuis un autre site</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#161616;background:#fff}code{font-size:.95em}</style>
</head>
<body>
<main>
<h1>Pourquoi Bureau ne peut pas vous connecter sur cette page</h1>
<p>La page qui affiche Bureau est sur un autre site que le service Bureau (par exemple <code>intranet.commune.fr</code> et
<code>bureau.agglo.fr</code>). Les navigateurs ne renvoient pas le cookie de session d’un site à un autre : la connexion
aboutit, mais les demandes suivantes arrivent sans elle.</p>
<h2>Pour l’équipe de l’intranet</h2>
<ul>
<li><strong>Même origine</strong> : publier Bureau sous un chemin de l’intranet (<code>https://intranet.commune.fr/bureau/</code>) par le
serveur mandataire ; le cookie fonctionne.</li>
<li><strong>Même site</strong> : un sous-domaine du même domaine (<code>bureau.commune.fr</code>) ; le cookie fonctionne.</li>
<li><strong>Autre site</strong> : donner à <code>&lt;bureau-client&gt;</code> une fonction <code>getToken</code> qui renvoie le jeton d’accès
que l’intranet tient de sa propre connexion (ProConnect, Keycloak…).</li>
</ul>
<p>Le détail, avec des exemples, est dans le guide d’intégration de Bureau (<code>docs/embedding.md</code>).</p>
</main>
<hr>
<section lang="en">
<h2>Why Bureau cannot sign you in on this page</h2>
<p>The page showing Bureau is on another site than the Bureau service, and browsers do not send a site’s session cookie
with requests from another site. Serve Bureau under a path of the intranet (same origin) or on a subdomain of the same
domain (same site), or give <code>&lt;bureau-client&gt;</code> a <code>getToken</code> function returning the access token the
intranet holds (bearer mode). See Bureau’s embedding guide (<code>docs/embedding.md</code>).</p>
</section>
</body>
</html>
`;

/** `GET /help/sign-in`: what the "cannot sign in here" message of `<bureau-client>` links to. */
export function registerHelp(app: FastifyInstance): void {
  app.get('/help/sign-in', { schema: { tags: ['embedding'], summary: 'Why a page cannot sign in with the session cookie', hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(page),
  );
}
