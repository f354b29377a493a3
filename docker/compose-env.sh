#!/usr/bin/env bash
# One-time step before the first `docker compose up` (or `docker-compose up`): writes the suite's secrets for compose
# into FILE (default: .env beside docker-compose.yml, which compose reads by itself and git ignores), readable by its
# owner only. Values already in FILE are kept, so running it again changes nothing.
set -euo pipefail
file=${1:-"$(cd "$(dirname "$0")/.." && pwd)/.env"}
umask 077
touch "$file"
chmod 600 "$file"
if ! grep -q '^SHOP_INTERNAL_AUTH_KEY=' "$file"; then
  # The key the order, account and inventory services sign and check /internal/** calls with (README).
  echo "SHOP_INTERNAL_AUTH_KEY=$(head -c 32 /dev/urandom | base64)" >> "$file"
fi
echo "compose secrets are in $file"
