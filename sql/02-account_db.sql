-- account_db: owned by account-service.
USE account_db;

-- balance: what the user can spend now. frozen: reserved by TCC tries not yet confirmed or cancelled
-- (0 at rest). Caches order row images by their place in the binlog, so the rows carry no version of their own.
CREATE TABLE IF NOT EXISTS accounts (
    account_id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT         NOT NULL,
    balance    DECIMAL(10, 2) NOT NULL DEFAULT 0.00,
    frozen     DECIMAL(10, 2) NOT NULL DEFAULT 0.00,
    updated_at TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT uk_accounts_user UNIQUE (user_id),
    CONSTRAINT ck_accounts_balance CHECK (balance >= 0),
    CONSTRAINT ck_accounts_frozen CHECK (frozen >= 0)
) ENGINE = InnoDB;
