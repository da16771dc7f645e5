-- Transports, DNSSEC and zone freshness (issue 20), per measurement: the transport used
-- (Monitor.Core.Domain.Transport: 0 udp, 1 tcp, 2 tls, 3 https), the address the query went to
-- (for a host-name target, the one it resolved to), the connection mode (0 fresh, 1 kept; null for
-- UDP), the TCP connect and TLS handshake times when the probe opened a connection, reconnects of a
-- kept connection, the DNSSEC flags when DO was set (bit 0 AD, bit 1 RRSIG seen) and the SOA serial
-- of a main query of type SOA. All null in rows stored before.

ALTER TABLE measurements ADD COLUMN transport SMALLINT NULL;
ALTER TABLE measurements ADD COLUMN address TEXT NULL;
ALTER TABLE measurements ADD COLUMN connection SMALLINT NULL;
ALTER TABLE measurements ADD COLUMN connect_us BIGINT NULL;
ALTER TABLE measurements ADD COLUMN tls_us BIGINT NULL;
ALTER TABLE measurements ADD COLUMN reconnects INTEGER NULL;
ALTER TABLE measurements ADD COLUMN dnssec_flags SMALLINT NULL;
ALTER TABLE measurements ADD COLUMN soa_serial BIGINT NULL;

-- A target's transport settings, host name and EDNS knobs as a JSON object (null: the defaults).
ALTER TABLE targets ADD COLUMN probe_options TEXT NULL;
