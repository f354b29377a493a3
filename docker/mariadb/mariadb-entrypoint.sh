#!/bin/bash
# Starts mariadbd as local-stack's MySqlPart does natively (keep the two in step; system-tests' ComposeDriftTest
# compares them). On an empty data directory it first initialises it and loads sql/ with networking off.
set -euo pipefail

datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
real_version=$(mariadbd --version | sed -n 's/.*Ver[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p')
[[ -n "$real_version" ]] || { echo "mariadb-entrypoint: cannot read the server version from mariadbd --version" >&2; exit 1; }

# The users' passwords (sql/07-users.sql creates the users locked and without one): compose reads them from .env.
declare -A user_passwords=(
  [order_svc]=SHOP_ORDER_DB_PASSWORD [account_svc]=SHOP_ACCOUNT_DB_PASSWORD
  [inventory_svc]=SHOP_INVENTORY_DB_PASSWORD [canal]=SHOP_CANAL_DB_PASSWORD)

if [[ ! -d "$datadir/mysql" ]]; then
  for variable in "${user_passwords[@]}"; do
    value=${!variable:-}
    [[ -n "$value" ]] || { echo "mariadb-entrypoint: $variable is not set: run docker/compose-env.sh once (it writes the suite's secrets into .env), then start again" >&2; exit 1; }
    [[ "$value" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "mariadb-entrypoint: $variable may hold only letters, digits, - and _ (docker/compose-env.sh makes such values)" >&2; exit 1; }
  done
  echo "mariadb-entrypoint: empty data directory: initialising it and loading sql/"
  mariadb-install-db --no-defaults --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal \
      --skip-test-db >/dev/null
  mariadbd --no-defaults --user=mysql --datadir="$datadir" --socket="$socket" --skip-networking --skip-log-bin \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci &
  init_pid=$!
  for _ in $(seq 1 120); do
    mariadb --no-defaults --socket="$socket" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$init_pid" 2>/dev/null || { echo "mariadb-entrypoint: the server exited while initialising" >&2; exit 1; }
    sleep 0.5
  done
  {
    # Operators log in as root with an empty password (as with ./stack): over the socket, from 127.0.0.1, and
    # from MARIADB_ROOT_HOST if that is not localhost. The port is reachable only on the stack's private network.
    echo "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
    echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
    if [[ "$MARIADB_ROOT_HOST" != localhost ]]; then
      echo "CREATE USER IF NOT EXISTS 'root'@'$MARIADB_ROOT_HOST' IDENTIFIED BY '';"
      echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'$MARIADB_ROOT_HOST' WITH GRANT OPTION;"
    fi
  } | mariadb --no-defaults --socket="$socket" -uroot
  for file in /shopsuite/sql/*.sql; do
    mariadb --no-defaults --socket="$socket" -uroot < "$file" \
      || { echo "mariadb-entrypoint: loading $file failed; fix it, then remove the volume (down -v)" >&2; exit 1; }
  done
  # Through stdin, not -e: a command line is visible to every process in the container.
  for user in "${!user_passwords[@]}"; do
    variable=${user_passwords[$user]}
    echo "ALTER USER '$user'@'%' IDENTIFIED BY '${!variable}' ACCOUNT UNLOCK;"
  done | mariadb --no-defaults --socket="$socket" -uroot
  mariadb-admin --no-defaults --socket="$socket" -uroot shutdown
  wait "$init_pid" || true
  echo "mariadb-entrypoint: sql/ loaded"
fi

exec mariadbd --no-defaults \
  --user=mysql \
  --datadir="$datadir" \
  --port="$MARIADB_PORT" \
  --bind-address="${MARIADB_BIND:-0.0.0.0}" \
  --socket="$socket" \
  --pid-file=/run/mysqld/mysqld.pid \
  --skip-name-resolve \
  --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_general_ci \
  --max-connections=1000 \
  --innodb-buffer-pool-size=256M \
  --innodb-lock-wait-timeout=10 \
  --log-bin="$datadir/mysql-bin" \
  --binlog-format=ROW \
  --binlog-row-image=FULL \
  --server-id=1 \
  --expire-logs-days=3 \
  --log-bin-trust-function-creators=1 \
  --version="5.5.5-$real_version" \
  --binlog-checksum=NONE
