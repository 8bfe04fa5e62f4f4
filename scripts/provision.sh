#!/usr/bin/env bash
# Installs and starts what the test suite needs on a fresh Debian machine: Chromium (browser tests),
# nginx (scale-out), PostgreSQL with a role that may create the per-test databases. Used by .ci/run
# and by `npm test` (its pretest step). Idempotent: a machine that already has
# everything is left as it is. Needs root with apt; prints what it does on one line each.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROME_PATH:-/nonexistent}" ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
# LemonLDAP::NG, the identity provider of the sign-in tests (e2e/lemonldap.test.ts, configured per
# run by scripts/lemonldap.js): its portal, its FastCGI server, and the Perl modules the portal
# loads for OpenID Connect and its captcha (Debian only recommends or suggests them). Without
# recommends: they would pull LDAP, WebAuthn, fonts and an nginx Lua module nobody here needs.
lemonldap=(liblemonldap-ng-portal-perl lemonldap-ng-fastcgi-server libgd-securityimage-perl libimage-magick-perl
  libstring-random-perl libcrypt-openssl-bignum-perl libio-string-perl libhttp-parser-xs-perl)
lemonldap_missing=()
for package in "${lemonldap[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || lemonldap_missing+=("$package")
done

# Extra Debian packages a suite declares (e.g. the identity provider of the sign-in tests).
for extra in ${BUREAU_PROVISION_EXTRA:-}; do
  dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "provision: missing ${missing[*]}; run as root on Debian: sudo bash scripts/provision.sh" >&2
    exit 1
  fi
  echo "provision: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ${#lemonldap_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "provision: LemonLDAP::NG is not installed (${lemonldap_missing[*]}): its sign-in tests will be skipped; run as root on Debian: sudo bash scripts/provision.sh" >&2
  else
    echo "provision: installing LemonLDAP::NG (${lemonldap_missing[*]})"
    [ ${#missing[@]} -gt 0 ] || apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${lemonldap_missing[@]}" >/dev/null
  fi
fi

# PostgreSQL's default cluster, started, with the role the server suite's second pass uses.
if [ "$(id -u)" = 0 ]; then
  pg_version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  pg_lsclusters -h | grep -q . || pg_createcluster "$pg_version" main >/dev/null
  pg_lsclusters -h | grep -q online || pg_ctlcluster "$pg_version" main start
  su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
SET client_min_messages = warning;
SELECT 'CREATE ROLE bureau LOGIN CREATEDB PASSWORD ''bureau''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bureau') \gexec
SELECT 'CREATE DATABASE bureau OWNER bureau' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'bureau') \gexec
-- Test databases are thrown away: their commits need not wait for the disk, and dropping one may
-- end an autovacuum worker's connection to it.
ALTER ROLE bureau SET synchronous_commit = off;
GRANT pg_signal_backend TO bureau;
SQL
fi
