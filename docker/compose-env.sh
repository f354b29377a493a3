#!/usr/bin/env bash
# One-time step before the first `docker compose up` (or `docker-compose up`): writes the suite's secrets for compose
# into FILE (default: .env beside docker-compose.yml, which compose reads by itself and git ignores), readable by its
# owner only. Values already in FILE are kept, so running it again changes nothing. These are the secrets ./stack
# generates natively under <stack dir>/secrets/ (local-stack's StackSecret and InternalAuthKey); README, "Secrets".
set -euo pipefail
file=${1:-"$(cd "$(dirname "$0")/.." && pwd)/.env"}
umask 077
touch "$file"
chmod 600 "$file"

# add NAME VALUE: appends NAME=VALUE unless FILE already sets NAME.
add() {
  grep -q "^$1=" "$file" || echo "$1=$2" >> "$file"
}
# A password: 24 random bytes, base64url (letters, digits, - and _: nothing to quote in SQL, Redis or YAML).
password() {
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

# The key the order, account and inventory services sign and check /internal/** calls with.
add SHOP_INTERNAL_AUTH_KEY "$(head -c 32 /dev/urandom | base64)"
# The database users' passwords (MariaDB sets them when it first initialises its volume).
add SHOP_ORDER_DB_PASSWORD "$(password)"
add SHOP_ACCOUNT_DB_PASSWORD "$(password)"
add SHOP_INVENTORY_DB_PASSWORD "$(password)"
add SHOP_CANAL_DB_PASSWORD "$(password)"
# What canal-sync authenticates with at the Canal server (nobody else may subscribe, read or ack there).
add SHOP_CANAL_CLIENT_PASSWORD "$(password)"
# Every Redis node and sentinel asks for it.
add SHOP_REDIS_PASSWORD "$(password)"
# The Seata console's login (user seata) and the key it signs its login tokens with.
add SHOP_SEATA_CONSOLE_PASSWORD "$(password)"
add SHOP_SEATA_CONSOLE_TOKEN_KEY "$(head -c 32 /dev/urandom | base64)"
# What the development issuer's token endpoint asks of its callers, and its seed users' password (README, Authentication).
add SHOP_AUTH_DEV_TOKEN_SECRET "$(password)"
add SHOP_AUTH_DEMO_PASSWORD "$(password)"
echo "compose secrets are in $file"
