#!/usr/bin/env bash
# Rebuilds reports/lab-sample/: the Lab scenario (tests/Monitor.Lab.Tests, LabScenario) played on the
# simulated anycast network of tests/lab/lab.sh while Monitor probes it, then `monitor report` of the
# run and scenario.log (every event and every change of the routing truth). Needs root; about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$PWD/reports/lab-sample
mkdir -p "$out"
# Everything the last run wrote goes; the hand-written README.md stays.
find "$out" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
dotnet build tests/Monitor.Lab.Tests -c Release --nologo -v quiet
LAB_REPORT_DIR=$out dotnet test tests/Monitor.Lab.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~LabScenarioTests"
ls -l "$out"
