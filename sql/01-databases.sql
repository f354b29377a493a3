-- shopsuite schema, part 1: one database per owning service.
-- Loaded in file-name order by ./stack (MariaDB) and by compose (MySQL 8.4 /docker-entrypoint-initdb.d).
CREATE DATABASE IF NOT EXISTS order_db     DEFAULT CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS account_db   DEFAULT CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS inventory_db DEFAULT CHARACTER SET utf8mb4;
