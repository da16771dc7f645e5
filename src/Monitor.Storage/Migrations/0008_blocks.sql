-- Sealed day blocks (issue 18's speed), both databases: the rows of one series and one closed UTC day packed
-- into one value (Sql/DayBlock.cs, format 1), written by `monitor db seal` (and by `run` and `import` when a day
-- closes), read by the analysis in place of that day's rows. The rows stay the truth: a block is used only
-- while its row count equals the probes of the day's hourly rollups (series_hours, kept in the transaction of
-- every write), so a day written again after sealing is read from its rows until it is sealed again; a prune
-- removes the blocks of the days it cuts into. Empty after this migration: sealing fills it.
--
-- day_us: the day's start (Unix µs, a multiple of 86,400,000,000); rows: the rows packed (every probe kind).

CREATE TABLE series_blocks (
    series_id INTEGER  NOT NULL,
    day_us    BIGINT   NOT NULL,
    rows      BIGINT   NOT NULL,
    format    SMALLINT NOT NULL,
    data      {bytes}  NOT NULL,
    PRIMARY KEY (series_id, day_us)
);
