// The nginx configuration of a Bureau deployment with several instances. `siteConfig` is the part
// an operator installs (docs/deploy.md prints it, and a test checks that the guide shows exactly what
// `siteConfig` produces); `mainConfig` wraps it so that the tests can run a throwaway nginx as
// `nginx -p <dir> -c <dir>/nginx.conf -g 'daemon off;'` without touching the system's nginx.

export interface SiteOptions {
  /** `host:port` of every Bureau instance. */
  upstreams: readonly string[];
  /** What `listen` says: `127.0.0.1:8443` in the tests, `443 ssl` in production. */
  listen: string;
  /** `server_name`; `_` (any) in the tests. */
  serverName: string;
  /** Certificate and key files; absent in the tests (plain HTTP on loopback). */
  tls?: { certificate: string; key: string };
}

/** The site: an upstream of the instances and one server that proxies the Bureau API to them. */
export function siteConfig(o: SiteOptions): string {
  const servers = o.upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=10s;`).join('\n');
  const tls = o.tls
    ? `\n    ssl_certificate     ${o.tls.certificate};\n    ssl_certificate_key ${o.tls.key};\n    ssl_protocols       TLSv1.2 TLSv1.3;\n`
    : '';
  return `# Bureau behind nginx: every instance serves every request (state is in PostgreSQL and S3).
upstream bureau {
    # Event streams are long-lived: send each new connection to the least busy instance.
    least_conn;
    # One view of the instances (and of their failures) for all nginx workers.
    zone bureau 64k;
${servers}
    keepalive 32;
}

server {
    listen ${o.listen};
    server_name ${o.serverName};
${tls}
    # Plain uploads (POST /v1/folders/{id}/files) go up to 32 MiB.
    client_max_body_size 33m;

    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $host;
    # A refused connection, or an instance that is not ready (503), hands the request to the next
    # instance; nginx never sends a POST or PATCH twice once an instance has received it (clients
    # retry those with an Idempotency-Key, or a tus HEAD).
    proxy_next_upstream error timeout http_503;
    proxy_next_upstream_tries 2;
    # Which instance answered (an upstream address): for checking the spread; drop it if internal
    # addresses must not show.
    add_header X-Bureau-Instance $upstream_addr always;

    # Server-Sent Events: no buffering, and a read timeout far above the 15 s heartbeat.
    location = /v1/events {
        proxy_pass http://bureau;
        proxy_buffering off;
        proxy_cache off;
        proxy_read_timeout 1h;
    }

    # tus uploads: PATCH bodies stream through to the instance (no size limit here: the server
    # checks Upload-Length against its own limit and the space's quota).
    location /v1/uploads {
        proxy_pass http://bureau;
        client_max_body_size 0;
        proxy_request_buffering off;
        proxy_read_timeout 5m;
        proxy_send_timeout 5m;
    }

    # Readiness for whatever watches this nginx (503 when no instance is ready).
    location = /v1/ready {
        proxy_pass http://bureau;
        access_log off;
    }

    location / {
        proxy_pass http://bureau;
    }
}
`;
}

/** A complete nginx.conf around `site` for a throwaway nginx whose prefix is `dir`. */
export function mainConfig(dir: string, site: string, o: { workerConnections?: number } = {}): string {
  const connections = o.workerConnections ?? 4096;
  return `worker_processes auto;
worker_rlimit_nofile ${connections * 2};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;

events {
    worker_connections ${connections};
}

http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/tmp/client_body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    default_type application/octet-stream;

${site}}
`;
}

/** The example of docs/deploy.md: two instances on a private network, TLS with the reader's certificate. */
export const documentedSite: SiteOptions = {
  upstreams: ['10.0.0.11:8080', '10.0.0.12:8080'],
  listen: '443 ssl',
  serverName: 'bureau.example.gouv.fr',
  tls: { certificate: '/etc/ssl/bureau/fullchain.pem', key: '/etc/ssl/private/bureau.key' },
};
