-- Seata's TCC fence log, one per participant database: makes repeated confirm/cancel, empty rollback
-- (cancel without try) and suspension (try after its cancel) no-ops. Schema from Seata's script/client/tcc/db/mysql.sql.
CREATE TABLE IF NOT EXISTS order_db.tcc_fence_log (
    xid          VARCHAR(128) NOT NULL COMMENT 'global id',
    branch_id    BIGINT       NOT NULL COMMENT 'branch id',
    action_name  VARCHAR(64)  NOT NULL COMMENT 'action name',
    status       TINYINT      NOT NULL COMMENT 'status(tried:1;committed:2;rollbacked:3;suspended:4)',
    gmt_create   DATETIME(3)  NOT NULL COMMENT 'create time',
    gmt_modified DATETIME(3)  NOT NULL COMMENT 'update time',
    PRIMARY KEY (xid, branch_id),
    KEY idx_gmt_modified (gmt_modified),
    KEY idx_status (status)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS account_db.tcc_fence_log LIKE order_db.tcc_fence_log;
CREATE TABLE IF NOT EXISTS inventory_db.tcc_fence_log LIKE order_db.tcc_fence_log;

-- Each participant's phase calls applied so far, one row per global transaction and call (method and path), written
-- before the branch begins: a copy of a call (a captured, signed request sent again) finds its row and is refused,
-- changing nothing (service-support PhaseCalls). Rows older than an hour are removed as new calls come.
CREATE TABLE IF NOT EXISTS account_db.applied_phase_calls (
    xid        VARCHAR(128) NOT NULL,
    phase_call VARCHAR(200) NOT NULL,
    created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (xid, phase_call),
    KEY idx_applied_phase_calls_created (created_at)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS inventory_db.applied_phase_calls LIKE account_db.applied_phase_calls;
