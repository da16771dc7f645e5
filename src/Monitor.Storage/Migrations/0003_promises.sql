-- Anycast promises: why each probe was sent (0 regular, 1 burst, 2 site; Monitor.Core.Domain.ProbeKind),
-- the site whose own address a site probe went to, the address answers of A/AAAA queries (GeoDNS),
-- burst rounds, and the per-site unicast addresses of a target ("id=address" joined by ",").

ALTER TABLE measurements ADD COLUMN probe_kind SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE measurements ADD COLUMN site_id TEXT NULL;
ALTER TABLE measurements ADD COLUMN answers TEXT NULL;

ALTER TABLE rounds ADD COLUMN kind SMALLINT NOT NULL DEFAULT 0;

ALTER TABLE targets ADD COLUMN sites TEXT NULL;

-- The burst policy the server publishes for its workers (null: the worker's default).
ALTER TABLE schedules ADD COLUMN burst_interval_us BIGINT NULL;
ALTER TABLE schedules ADD COLUMN burst_limit_us BIGINT NULL;
ALTER TABLE schedules ADD COLUMN rate_limit {float} NULL;
