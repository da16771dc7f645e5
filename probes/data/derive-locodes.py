#!/usr/bin/env python3
"""Derive probes/data/locodes.csv from geoapify/un-locode's per-country CSV files.

Usage: derive-locodes.py DATA_DIR AIRPORTS_CSV > probes/data/locodes.csv

DATA_DIR is src/data of the repository geoapify/un-locode (one CSV per country, columns
country,location,name,nameWoDiacritics,subdivision,status,function,iata,lat,lon[,geocoded]);
the rows are UNECE's UN/LOCODE code list. AIRPORTS_CSV is probes/data/airports.csv.

Keeps every entry except those UNECE marks for removal (status XX) and writes
locode,name,latitude,longitude sorted by locode: `locode` is the 5-character code (country +
location), `name` the name without diacritics. Coordinates: UNECE's own (degrees and minutes,
so about 2 km), rounded to 3 decimals; where UNECE gives none (geoapify filled those in with
its geocoder, which this project does not use) an airport of airports.csv with the same three
letters in the same country gives them; otherwise they are left empty. Rows whose name
contains a comma that the source did not quote are repaired (the fixed columns are counted
from both ends). Not run by the build.
"""
import csv
import sys
from pathlib import Path


def coordinate(text: str) -> str:
    value = round(float(text), 3)
    out = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    airports = {}
    with open(sys.argv[2], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            airports[(row["country"], row["iata"])] = (row["latitude"], row["longitude"])
    kept = {}
    repaired = from_airport = without = removed = 0
    for path in sorted(Path(sys.argv[1]).glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            geocoded_column = "geocoded" in header
            for fields in reader:
                if not fields:
                    continue
                tail = 4 if geocoded_column else 3  # iata, lat, lon[, geocoded]
                width = len(header)
                if len(fields) != width:
                    repaired += 1
                country, location = fields[0].strip(), fields[1].strip()
                status = fields[-(tail + 2)].strip()
                lat, lon = fields[-tail + 1].strip(), fields[-tail + 2].strip()
                geocoded = fields[-1].strip() == "true" if geocoded_column else False
                name = fields[3].strip() if len(fields) == width else fields[2].strip()
                if len(country) != 2 or len(location) != 3 or not name:
                    print(f"skipping odd row {fields!r}", file=sys.stderr)
                    continue
                if status == "XX":
                    removed += 1
                    continue
                code = country.upper() + location.upper()
                if geocoded or not lat or not lon:
                    place = airports.get((country.upper(), location.upper()))
                    if place:
                        lat, lon = place
                        from_airport += 1
                    else:
                        lat = lon = ""
                        without += 1
                else:
                    lat, lon = coordinate(lat), coordinate(lon)
                if code in kept:
                    print(f"duplicate {code}: keeping {kept[code][1]!r}", file=sys.stderr)
                    continue
                kept[code] = [code, name, lat, lon]
    writer = csv.writer(sys.stdout, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["locode", "name", "latitude", "longitude"])
    for code in sorted(kept):
        writer.writerow(kept[code])
    print(f"{len(kept)} locodes; {removed} marked XX skipped; {repaired} rows repaired; "
          f"{from_airport} placed by airports.csv; {without} without coordinates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
