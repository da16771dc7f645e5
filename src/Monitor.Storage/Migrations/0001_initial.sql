-- Monitor schema, version 1. One SQL text for SQLite and PostgreSQL: instants are integer Unix
-- time in microseconds (*_us), booleans are 0/1 integers, and only three types differ by dialect:
-- {uuid} (SQLite BLOB of 16 big-endian octets, PostgreSQL uuid), {bytes} (BLOB, bytea) and
-- {float} (REAL, double precision).

CREATE TABLE vantage_points (
    id            TEXT    NOT NULL PRIMARY KEY,
    city          TEXT    NULL,
    country       TEXT    NULL,
    latitude      {float} NULL,
    longitude     {float} NULL,
    asn           BIGINT  NULL,
    first_seen_us BIGINT  NOT NULL,
    last_seen_us  BIGINT  NOT NULL
);

CREATE TABLE targets (
    id                TEXT    NOT NULL PRIMARY KEY,
    provider          TEXT    NOT NULL,
    address           TEXT    NOT NULL,
    port              INTEGER NOT NULL,
    kind              TEXT    NOT NULL,
    transport         TEXT    NOT NULL,
    qname             TEXT    NOT NULL,
    qclass            INTEGER NOT NULL,
    qtype             INTEGER NOT NULL,
    recursion_desired INTEGER NOT NULL,
    identity_methods  INTEGER NOT NULL,
    updated_us        BIGINT  NOT NULL
);

CREATE TABLE rounds (
    id           {uuid}  NOT NULL PRIMARY KEY,
    vantage_id   TEXT    NOT NULL,
    scheduled_us BIGINT  NOT NULL,
    started_us   BIGINT  NOT NULL,
    finished_us  BIGINT  NOT NULL,
    probes       INTEGER NOT NULL,
    answered     INTEGER NOT NULL
);

CREATE INDEX ix_rounds_vantage_scheduled ON rounds (vantage_id, scheduled_us);

-- outcome: 0 answered, 1 timeout, 2 network error, 3 malformed (Monitor.Core.Domain.ProbeOutcome).
CREATE TABLE measurements (
    id              {uuid}   NOT NULL PRIMARY KEY,
    round_id        {uuid}   NULL,
    vantage_id      TEXT     NOT NULL,
    target_id       TEXT     NOT NULL,
    started_us      BIGINT   NOT NULL,
    outcome         SMALLINT NOT NULL,
    rtt_us          BIGINT   NULL,
    rcode           INTEGER  NULL,
    response_size   INTEGER  NULL,
    truncated       SMALLINT NOT NULL,
    id_server       {bytes}  NULL,
    hostname_bind   {bytes}  NULL,
    nsid            {bytes}  NULL,
    identity_rtt_us BIGINT   NULL,
    discarded       INTEGER  NOT NULL,
    error           TEXT     NULL
);

CREATE INDEX ix_measurements_started ON measurements (started_us);
CREATE INDEX ix_measurements_vantage_target_started ON measurements (vantage_id, target_id, started_us);
