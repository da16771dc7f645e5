#!/usr/bin/env python3
"""Print the distinct identities in RIPE Atlas DNS results, with the fastest probe that saw each.

Usage: extract-atlas-identities.py PROBES_ARCHIVE RESULTS.json[.gz]...

For every result with an `abuf`, decodes the DNS answer (standard library only) and takes the TXT
strings of the answer section. Per distinct string it prints, tab-separated: the string, the file,
the probe id, that probe's latitude and longitude from the probe archive (`{"objects": [...]}`),
and the probe's RTT (`result.rt`, ms) — the smallest RTT any probe saw that string with. Used to
build identity-corpus.tsv from ../shared/atlas (see README.md beside this script).
"""
import base64
import gzip
import json
import sys
from pathlib import Path


def txt_strings(abuf: str) -> list[str]:
    b = base64.b64decode(abuf)
    if len(b) < 12:
        return []
    qdcount, ancount = int.from_bytes(b[4:6], "big"), int.from_bytes(b[6:8], "big")
    i = 12

    def skip_name(i: int) -> int:
        while True:
            n = b[i]
            if n == 0:
                return i + 1
            if n >= 0xC0:
                return i + 2
            i += n + 1

    for _ in range(qdcount):
        i = skip_name(i) + 4
    out = []
    for _ in range(ancount):
        i = skip_name(i)
        rtype = int.from_bytes(b[i:i + 2], "big")
        rdlength = int.from_bytes(b[i + 8:i + 10], "big")
        i += 10
        rdata = b[i:i + rdlength]
        i += rdlength
        if rtype == 16:
            j, s = 0, b""
            while j < len(rdata):
                n = rdata[j]
                s += rdata[j + 1:j + 1 + n]
                j += 1 + n
            out.append(s.decode("latin-1"))
    return out


def load(path: str):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as fh:
        return json.load(fh)


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    probes = {p["id"]: p for p in load(sys.argv[1])["objects"]}
    best = {}
    for path in sys.argv[2:]:
        for r in load(path):
            if not isinstance(r, dict):
                continue
            res = r.get("result")
            if not isinstance(res, dict) or "abuf" not in res:
                continue
            try:
                strings = txt_strings(res["abuf"])
            except (IndexError, ValueError):
                continue
            for s in strings:
                rt = res.get("rt")
                key = s
                if key not in best or (rt is not None and rt < best[key][3]):
                    best[key] = (Path(path).name, r.get("prb_id"), probes.get(r.get("prb_id")), rt if rt is not None else 1e9)
    for s, (name, prb, probe, rt) in sorted(best.items()):
        lat = probe.get("latitude") if probe else ""
        lon = probe.get("longitude") if probe else ""
        print("\t".join([s, name, str(prb), str(lat), str(lon), f"{rt:.3f}"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
