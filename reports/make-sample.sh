#!/usr/bin/env bash
# Rebuilds reports/sample/: seeds a SQLite database with the deterministic synthetic data set
# (tests/Monitor.Testing/SampleNetwork.cs: 8 VPs x 4 anycast targets, one shift event, some loss)
# and runs `monitor report` on it. Offline; no packets leave the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports/out
db=reports/out/sample.db
dotnet run --project tests/Monitor.SampleSeeder -c Release -- "$db"
rm -rf reports/sample
dotnet run --project src/Monitor.Cli -c Release -- report --db "$db" --out reports/sample \
  --format pdf,png --title "Sample: public resolvers and k-root from 8 vantage points"
du -ch reports/sample/* | tail -1
