-- bench_db: owned by baseline-service, the benchmark's ceiling (BENCHMARKS.md): an order's three row changes in ONE
-- local transaction on ONE database. The tables copy the suite's shapes (columns, keys, checks), so each row change
-- costs what it costs in the suite.
-- Benchmark-only, so not among sql/*.sql that every database gets (./stack up, compose): `./stack bench` applies this
-- file itself, as root, when bench_db is missing, before it starts baseline-service.
CREATE DATABASE IF NOT EXISTS bench_db DEFAULT CHARACTER SET utf8mb4;
USE bench_db;

CREATE TABLE IF NOT EXISTS accounts LIKE account_db.accounts;
CREATE TABLE IF NOT EXISTS inventory LIKE inventory_db.inventory;
CREATE TABLE IF NOT EXISTS orders LIKE order_db.orders;

-- Locked and without a password, as the suite's users (sql/07-users.sql): the benchmark sets the stack's generated one.
CREATE USER IF NOT EXISTS 'bench_svc'@'%' ACCOUNT LOCK;
GRANT SELECT, INSERT, UPDATE, DELETE ON bench_db.* TO 'bench_svc'@'%';
FLUSH PRIVILEGES;
