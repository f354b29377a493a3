-- inventory_db: owned by inventory-service.
USE inventory_db;

-- stock: what can be sold now. frozen_stock: reserved by TCC tries not yet confirmed or cancelled (0 at rest).
-- Caches order row images by their place in the binlog, so the rows carry no version of their own.
CREATE TABLE IF NOT EXISTS inventory (
    product_id   BIGINT AUTO_INCREMENT PRIMARY KEY,
    product_name VARCHAR(100)   NOT NULL,
    price        DECIMAL(10, 2) NOT NULL DEFAULT 0.00,
    stock        INT            NOT NULL,
    frozen_stock INT            NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT ck_inventory_price CHECK (price >= 0),
    CONSTRAINT ck_inventory_stock CHECK (stock >= 0),
    CONSTRAINT ck_inventory_frozen CHECK (frozen_stock >= 0)
) ENGINE = InnoDB;
