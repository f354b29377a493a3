-- order_db: owned by order-service.
USE order_db;

-- status: PENDING (a TCC try reserved it, or XA in flight), SUCCESS, FAILED (kept with failure_reason).
-- Ids are BIGINT like the API's (positive longs), here and in account_db and inventory_db.
-- idempotency_key: unique per user, so the database (not the per-user lock) guarantees one order per key and user,
-- and a key one user sent never concerns another;
-- request_fingerprint tells a replay (same body) from a misuse of the key (different body, 422).
CREATE TABLE IF NOT EXISTS orders (
    order_id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id             BIGINT         NOT NULL,
    product_id          BIGINT         NOT NULL,
    quantity            INT            NOT NULL,
    amount              DECIMAL(10, 2) NOT NULL DEFAULT 0.00,
    status              VARCHAR(10)    NOT NULL DEFAULT 'PENDING',
    mode                VARCHAR(3)     NULL,
    xid                 VARCHAR(128)   NULL,
    failure_reason      VARCHAR(255)   NULL,
    idempotency_key     VARCHAR(64)    NULL,
    request_fingerprint CHAR(64)       NULL,
    created_at          TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at          TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT uk_orders_user_idempotency_key UNIQUE (user_id, idempotency_key),
    CONSTRAINT ck_orders_status CHECK (status IN ('PENDING', 'SUCCESS', 'FAILED')),
    CONSTRAINT ck_orders_quantity CHECK (quantity > 0),
    KEY idx_orders_user (user_id),
    -- TCC phase two and failure bookkeeping find an attempt by its global transaction
    KEY idx_orders_xid (xid),
    KEY idx_orders_status (status)
) ENGINE = InnoDB;
