-- Compose only (MySQL 8.4), after sql/: what MySQL needs beyond the shared schema. ./stack's MariaDB needs neither.

-- Canal's binlog connection has trouble with caching_sha2_password, MySQL 8's default (alibaba/canal#1700, #5301):
-- the canal user logs in with mysql_native_password, which the server enables with --mysql-native-password=ON.
ALTER USER 'canal'@'%' IDENTIFIED WITH mysql_native_password BY 'canal';

-- Seata's XA resource managers run XA RECOVER to finish or roll back prepared branches after a crash; MySQL 8 allows
-- that statement only with XA_RECOVER_ADMIN.
GRANT XA_RECOVER_ADMIN ON *.* TO 'order_svc'@'%', 'account_svc'@'%', 'inventory_svc'@'%';
