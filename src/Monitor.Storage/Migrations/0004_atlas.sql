-- RIPE Atlas import (issue 16): where an imported measurement comes from in Atlas, kept beside the
-- measurement (not in its hot table) so a result can be traced back: the Atlas measurement id,
-- probe id and the probe's public address ("from"). And what the probe archive says of a vantage
-- point besides its position: its IPv6 AS and whether it is an Atlas anchor.

CREATE TABLE atlas_origins (
    measurement_id {uuid} NOT NULL PRIMARY KEY,
    msm_id         BIGINT NOT NULL,
    prb_id         BIGINT NOT NULL,
    probe_address  TEXT   NULL
);

ALTER TABLE vantage_points ADD COLUMN asn_v6 BIGINT NULL;
ALTER TABLE vantage_points ADD COLUMN is_anchor SMALLINT NULL;
