#!/usr/bin/env python3
"""Derive probes/data/root-sites.csv from a snapshot of root-servers.org's per-letter site lists.

Usage: derive-root-sites.py SNAPSHOT_DIR AIRPORTS_CSV METRO_CS LOCODES_CSV > probes/data/root-sites.csv

SNAPSHOT_DIR holds root_a.json … root_m.json as root-servers.org publishes them (one object per
letter with "Sites": [{"Identifiers": [...], "Town", "Country", "Latitude", "Longitude", ...}]);
the repository Ripe-Dns-Interception-Research/Root-Server-Analysis keeps such a snapshot in data/.
AIRPORTS_CSV is probes/data/airports.csv; METRO_CS is
src/Monitor.Core/Analysis/Sites/MetropolitanCodes.cs (its `new("LON", …, "GB", lat, lon)` lines);
LOCODES_CSV is probes/data/locodes.csv.

Writes letter,identifier,code,town,country,latitude,longitude, one row per identifier, sorted by
letter then identifier (lower case). `code`: among the metropolitan codes and airports of the
site's country within 100 km of it, a code the identifier itself spells (I-root's `s1.lon` → LON),
else a metropolitan code within 60 km, else the airport whose code is the town's own UN/LOCODE
location (Singapore is SG SIN, so SIN rather than Seletar), else the nearest airport; empty when none
is that near. Coordinates are rounded
to 3 decimals. Identifiers listed for two sites are dropped (they name no one place). Not run by
the build.
"""
import csv
import json
import math
import re
import sys
from pathlib import Path


def km(a, b, c, d):
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 12742 * math.asin(min(1, math.sqrt(h)))


def rounded(x: float) -> str:
    out = f"{round(x, 3):.3f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    airports = []
    with open(sys.argv[2], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            airports.append((row["iata"], row["country"], float(row["latitude"]), float(row["longitude"])))
    metros = [(m[0], m[1], float(m[2]), float(m[3])) for m in re.findall(
        r'new\("([A-Z]{3})", "[^"]*", "[^"]*", "([A-Z]{2})", (-?[\d.]+), (-?[\d.]+)\)', Path(sys.argv[3]).read_text(encoding="utf-8"))]
    def norm(name):
        return re.sub(r"[^a-z]", "", name.lower().split("(")[0])
    own = {}
    with open(sys.argv[4], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            own.setdefault((row["locode"][:2], norm(row["name"])), row["locode"][2:])
    rows, seen, dropped = {}, {}, set()
    for letter in "abcdefghijklm":
        data = json.loads((Path(sys.argv[1]) / f"root_{letter}.json").read_text(encoding="utf-8"))
        for site in data.get("Sites", []):
            lat, lon = site.get("Latitude"), site.get("Longitude")
            if lat is None or lon is None:
                continue
            country = (site.get("Country") or "").upper()
            near = sorted((km(lat, lon, a[2], a[3]), a[0], kind)
                          for kind, table in (("metro", metros), ("airport", airports))
                          for a in table if a[1] == country and km(lat, lon, a[2], a[3]) <= 100)
            for ident in site.get("Identifiers") or []:
                key = (letter, ident.strip().rstrip(".").lower())
                if not key[1]:
                    continue
                spelled = set(re.findall(r"[a-z]+", key[1]))
                code = next((c for _, c, _ in near if c.lower() in spelled), None) \
                    or next((c for d, c, k in near if k == "metro" and d <= 60), None) \
                    or next((c for _, c, k in near if k == "airport" and own.get((country, norm(site.get("Town") or ""))) == c), None) \
                    or next((c for _, c, k in near if k == "airport"), "")
                place = (code, site.get("Town") or "", country, rounded(lat), rounded(lon))
                if key in seen and seen[key][3:] != place[3:]:
                    dropped.add(key)
                seen[key] = place
    for key, place in seen.items():
        if key not in dropped:
            rows[key] = [key[0], key[1], *place]
    writer = csv.writer(sys.stdout, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["letter", "identifier", "code", "town", "country", "latitude", "longitude"])
    for key in sorted(rows):
        writer.writerow(rows[key])
    print(f"{len(rows)} identifiers; {len(dropped)} listed for two places dropped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
