# Sourced (not executed) by the mysql image's entrypoint on the first start, while the server listens on its socket
# only. Loads sql/ (mounted at /shopsuite/sql), the one schema ./stack loads into MariaDB too, in file-name order.
# sql/ is not mounted as /docker-entrypoint-initdb.d itself because the compose-only file must run after it, and a
# file mounted into a bind-mounted directory would be created in the checkout's sql/.
shared_sql=(/shopsuite/sql/*.sql)
(( ${#shared_sql[@]} )) || mysql_error "no /shopsuite/sql/*.sql: mount the checkout's sql/ there (docker-compose.yml)"
for file in "${shared_sql[@]}"; do
    mysql_note "$0: loading $file"
    docker_process_sql < "$file"
done
