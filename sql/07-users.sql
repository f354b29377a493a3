-- The users the suite logs in as, each with only what it needs (least privilege). No passwords here: each user is
-- created locked, and the launcher (./stack: local-stack's MySqlPart; compose: docker/mariadb's entrypoint) sets its
-- generated password and unlocks it (README, "Secrets"). Loaded as is, this file leaves nobody able to log in.
CREATE USER IF NOT EXISTS 'order_svc'@'%' ACCOUNT LOCK;
CREATE USER IF NOT EXISTS 'account_svc'@'%' ACCOUNT LOCK;
CREATE USER IF NOT EXISTS 'inventory_svc'@'%' ACCOUNT LOCK;
CREATE USER IF NOT EXISTS 'canal'@'%' ACCOUNT LOCK;

-- A service changes only its own tables: its rows, its TCC fence log (Seata inserts, updates and cleans it up) and the
-- log of the phase calls it applied.
-- The participants never create or delete an account or a product row; order-service deletes its unsucceeded orders.
GRANT SELECT, INSERT, UPDATE, DELETE ON order_db.orders TO 'order_svc'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON order_db.tcc_fence_log TO 'order_svc'@'%';
GRANT SELECT, UPDATE ON account_db.accounts TO 'account_svc'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON account_db.tcc_fence_log TO 'account_svc'@'%';
GRANT SELECT, INSERT, DELETE ON account_db.applied_phase_calls TO 'account_svc'@'%';
GRANT SELECT, UPDATE ON inventory_db.inventory TO 'inventory_svc'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON inventory_db.tcc_fence_log TO 'inventory_svc'@'%';
GRANT SELECT, INSERT, DELETE ON inventory_db.applied_phase_calls TO 'inventory_svc'@'%';

-- canal follows the binlog (REPLICATION SLAVE), reads its head (SHOW MASTER STATUS: REPLICATION CLIENT, called
-- BINLOG MONITOR since MariaDB 10.5) and reads the structure of the two tables it follows, nothing else.
GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'canal'@'%';
GRANT SELECT ON account_db.accounts TO 'canal'@'%';
GRANT SELECT ON inventory_db.inventory TO 'canal'@'%';
FLUSH PRIVILEGES;
