-- The lean measurement table (issue 17), SQLite. A measurement row holds integers only: its series
-- (vantage point, target) and the identities and texts it names are numbers into small tables of
-- distinct values, booleans are bits of one flags column, and optional values are NULL (one header
-- byte in SQLite). The primary key (series, start, seq) is the table's order (WITHOUT ROWID): a
-- series and a time window within it are one range of the b-tree, and there is no secondary index.
-- Writing a round again adds nothing because its id is in rounds (idempotence per round);
-- imported measurements keep their stable id (uid, and the imported table) so that a re-import adds
-- nothing and their Atlas origins still name them. The rows of version 5 are converted in place.
--
-- flags: bit 0 truncated, bit 1 DNSSEC asked (DO set: AD and RRSIG known), bit 2 AD, bit 3 RRSIG seen,
-- bit 4 written in the round named by round although the measurement named none.
-- seq: 0, or n for the n-th further row of the series started at the same microsecond.

CREATE TABLE series (
    id         INTEGER NOT NULL PRIMARY KEY,
    vantage_id TEXT    NOT NULL,
    target_id  TEXT    NOT NULL,
    UNIQUE (vantage_id, target_id)
);

CREATE TABLE identities (
    id  INTEGER NOT NULL PRIMARY KEY,
    raw BLOB    NOT NULL UNIQUE
);

CREATE TABLE texts (
    id    INTEGER NOT NULL PRIMARY KEY,
    value TEXT    NOT NULL UNIQUE
);

CREATE TABLE imported (
    id BLOB NOT NULL PRIMARY KEY
);

ALTER TABLE rounds ADD COLUMN number INTEGER NULL;
UPDATE rounds SET number = rowid;
CREATE UNIQUE INDEX ix_rounds_number ON rounds (number);

INSERT INTO series (vantage_id, target_id) SELECT DISTINCT vantage_id, target_id FROM measurements ORDER BY vantage_id, target_id;
INSERT INTO identities (raw)
    SELECT v FROM (SELECT id_server AS v FROM measurements UNION SELECT hostname_bind FROM measurements UNION SELECT nsid FROM measurements)
    WHERE v IS NOT NULL ORDER BY v;
INSERT INTO texts (value)
    SELECT v FROM (SELECT address AS v FROM measurements UNION SELECT site_id FROM measurements
        UNION SELECT answers FROM measurements UNION SELECT error FROM measurements)
    WHERE v IS NOT NULL ORDER BY v;
INSERT INTO imported (id) SELECT measurement_id FROM atlas_origins;

CREATE TABLE lean_measurements (
    series_id       INTEGER NOT NULL,
    started_us      INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    round           INTEGER NULL,
    outcome         INTEGER NOT NULL,
    kind            INTEGER NOT NULL,
    flags           INTEGER NOT NULL,
    rtt_us          INTEGER NULL,
    rcode           INTEGER NULL,
    response_size   INTEGER NULL,
    id_server       INTEGER NULL,
    hostname_bind   INTEGER NULL,
    nsid            INTEGER NULL,
    identity_rtt_us INTEGER NULL,
    discarded       INTEGER NOT NULL,
    transport       INTEGER NULL,
    connection      INTEGER NULL,
    connect_us      INTEGER NULL,
    tls_us          INTEGER NULL,
    reconnects      INTEGER NULL,
    soa_serial      INTEGER NULL,
    address         INTEGER NULL,
    site            INTEGER NULL,
    answers         INTEGER NULL,
    error           INTEGER NULL,
    uid             BLOB    NULL,
    PRIMARY KEY (series_id, started_us, seq)
) WITHOUT ROWID;

INSERT INTO lean_measurements
SELECT s.id, m.started_us, ROW_NUMBER() OVER (PARTITION BY s.id, m.started_us ORDER BY m.id) - 1, r.number,
    m.outcome, m.probe_kind,
    m.truncated + CASE WHEN m.dnssec_flags IS NULL THEN 0 ELSE 2 + ((m.dnssec_flags & 1) * 4) + ((m.dnssec_flags & 2) * 4) END,
    m.rtt_us, m.rcode, m.response_size,
    (SELECT i.id FROM identities i WHERE i.raw = m.id_server),
    (SELECT i.id FROM identities i WHERE i.raw = m.hostname_bind),
    (SELECT i.id FROM identities i WHERE i.raw = m.nsid),
    m.identity_rtt_us, m.discarded, m.transport, m.connection, m.connect_us, m.tls_us, m.reconnects, m.soa_serial,
    (SELECT t.id FROM texts t WHERE t.value = m.address),
    (SELECT t.id FROM texts t WHERE t.value = m.site_id),
    (SELECT t.id FROM texts t WHERE t.value = m.answers),
    (SELECT t.id FROM texts t WHERE t.value = m.error),
    CASE WHEN EXISTS (SELECT 1 FROM imported k WHERE k.id = m.id) THEN m.id END
FROM measurements m
JOIN series s ON s.vantage_id = m.vantage_id AND s.target_id = m.target_id
LEFT JOIN rounds r ON r.id = m.round_id;

DROP TABLE measurements;
ALTER TABLE lean_measurements RENAME TO measurements;
