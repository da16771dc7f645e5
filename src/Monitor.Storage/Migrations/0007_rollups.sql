-- Hourly rollups per series (issue 17), both databases: one row per series, UTC hour and probe kind,
-- kept on ingest in the transaction that writes the rows (a round written again adds nothing to
-- either), so that a month's report reads rollups, not rows. Rollups stay when db prune removes rows.
--
-- probes: rows; answered: rows with outcome answered.
-- sites: rows per identity set, sparse: unsigned LEB128 varints, per set id_server + 1, hostname_bind + 1,
--   nsid + 1, site + 1 (numbers into identities and texts, 0 for none) and its count, sets in ascending order.
-- rtt: RTTs of answered rows in log-spaced buckets 1 % wide from 0.01 ms to 60 s (RttHistogram), sparse:
--   varints, per bucket with a count its number's increase over the previous one and its count.
-- Filled from the rows already stored by the code step of this migration (Sql/Rollups.cs).

CREATE TABLE series_hours (
    series_id INTEGER  NOT NULL,
    hour_us   BIGINT   NOT NULL,
    kind      SMALLINT NOT NULL,
    probes    BIGINT   NOT NULL,
    answered  BIGINT   NOT NULL,
    sites     {bytes}  NULL,
    rtt       {bytes}  NULL,
    PRIMARY KEY (series_id, hour_us, kind)
);
