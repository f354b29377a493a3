-- Seed data of the original design: users 1 and 2, products A and B. Its two sample 'pending' orders are left out on purpose: they were never
-- paid for, and at rest the suite keeps no order PENDING (README, "Data").
INSERT INTO account_db.accounts (user_id, balance) VALUES
    (1, 1000.00),
    (2, 1500.00);

INSERT INTO inventory_db.inventory (product_id, product_name, price, stock) VALUES
    (1, 'Product A', 10.00, 100),
    (2, 'Product B', 20.00, 50);
