-- Least-privilege users: each service sees only its own database; canal reads the binlog.
-- Passwords are development defaults; the services read them from SHOP_*_DB_PASSWORD (see application.yml).
CREATE USER IF NOT EXISTS 'order_svc'@'%' IDENTIFIED BY 'order_pw';
CREATE USER IF NOT EXISTS 'account_svc'@'%' IDENTIFIED BY 'account_pw';
CREATE USER IF NOT EXISTS 'inventory_svc'@'%' IDENTIFIED BY 'inventory_pw';
CREATE USER IF NOT EXISTS 'canal'@'%' IDENTIFIED BY 'canal';

GRANT SELECT, INSERT, UPDATE, DELETE ON order_db.* TO 'order_svc'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON account_db.* TO 'account_svc'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON inventory_db.* TO 'inventory_svc'@'%';
GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'canal'@'%';
FLUSH PRIVILEGES;
