-- Distributed mode: worker liveness and clock offset, per-target timeout and activity, and the
-- schedule the server publishes for its workers.

ALTER TABLE vantage_points ADD COLUMN heartbeat_us BIGINT NULL;
ALTER TABLE vantage_points ADD COLUMN clock_offset_us BIGINT NULL;

ALTER TABLE targets ADD COLUMN timeout_us BIGINT NULL;
ALTER TABLE targets ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

CREATE TABLE schedules (
    id          TEXT   NOT NULL PRIMARY KEY,
    interval_us BIGINT NOT NULL,
    timeout_us  BIGINT NOT NULL,
    updated_us  BIGINT NOT NULL
);
