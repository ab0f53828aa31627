#!/usr/bin/env python3
"""Streams a 10 GB Comtrade API CSV through Dostyk's reader, or through the DataFusion provider,
and records the peak memory.

With `--engine reader` (default) the file is never stored: rows are generated into a named pipe
(FIFO) that the reader opens as an ordinary file, so the check needs no 10 GB of free disk.
With `--engine provider` the rows are written to a regular file first (the provider splits a
file into byte ranges, which a pipe cannot give; `--file`, removed afterwards unless `--keep`),
then `query_bench provider` (crates/trade-datafusion, release build) runs the bilateral
turnover SQL over it on every core. Rows have the shape of
`compare.py`'s (50 reporters x 50 partners, HS6 codes, quoted descriptions), with a new
period per pass so no row repeats.

    python3 bench/trade/stream_10gb.py [--gb 10] [--mode pair|rows]
    python3 bench/trade/stream_10gb.py --engine provider [--gb 10] [--file F] [--keep]

`pair` (default) reads with the Kazakhstan-Uzbekistan filter and aggregates, as an analyst
does with a world bulk file; `rows` only reads and counts every row. Prints bytes streamed,
rows, wall time and the reader's peak RSS (GNU time), and writes
bench/out/stream_10gb_<mode>.json (stream_10gb_provider.json). Needs /usr/bin/time and
Python 3 (no packages).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from compare import AREAS, FLOWS, HEADER, ROOT, hs6_pool, row  # noqa: E402

OUT = ROOT / "bench" / "out"
CRATE = ROOT / "crates" / "trade-datafusion"
SQL = ("SELECT ref_year, flow_code, SUM(primary_value) AS v FROM comtrade "
       "WHERE reporter_code = 398 AND partner_code = 860 GROUP BY ref_year, flow_code")


def write_rows(fifo, limit_bytes, counter):
    pool = hs6_pool()
    written = 0
    rows = 0
    with open(fifo, "w", newline="", buffering=1 << 20) as f:
        f.write(HEADER + "\n")
        year = 1990
        while written < limit_bytes:
            year += 1  # a new period each pass: no row repeats
            for ri, (rc, riso, rdesc) in enumerate(AREAS):
                buf = []
                for pi, (pc, piso, pdesc) in enumerate(AREAS):
                    if pc == rc:
                        pc, piso, pdesc = 0, "W00", "World"
                    for fc, fdesc in FLOWS:
                        start = (ri * 131 + pi * 17 + year) % len(pool)
                        for k in range(40):
                            code = pool[(start + k * 7) % len(pool)]
                            buf.append(row(year, (rc, riso, rdesc), (fc, fdesc), (pc, piso, pdesc),
                                           code, rows, k))
                            rows += 1
                chunk = "".join(buf)
                f.write(chunk)
                written += len(chunk.encode())
                if written >= limit_bytes:
                    break
    counter["bytes"], counter["rows"], counter["last_year"] = written, rows, year


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=10.0)
    ap.add_argument("--mode", choices=["pair", "rows"], default="pair")
    ap.add_argument("--engine", choices=["reader", "provider"], default="reader")
    ap.add_argument("--file", type=Path, default=OUT / "comtrade_api_stream.csv",
                    help="with --engine provider: where the file is written")
    ap.add_argument("--keep", action="store_true", help="keep --file (and reuse it next time)")
    ap.add_argument("--features", default="",
                    help="with --engine provider: cargo features of the build (`ballista` reuses "
                         "the build of query_compare.py --ballista instead of building another)")
    a = ap.parse_args()
    if a.engine == "provider":
        provider(a)
        return
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "-p", "dostyk-trade", "--example", "trade_ingest"],
        cwd=ROOT, check=True,
    )
    exe = ROOT / "target" / "release" / "examples" / "trade_ingest"
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fifo = Path(tmp) / "comtrade_stream.csv"
        os.mkfifo(fifo)
        counter = {}
        writer = threading.Thread(target=write_rows, args=(fifo, int(a.gb * 1e9), counter))
        args = [str(fifo), "--rows"] if a.mode == "rows" else [str(fifo), "398", "860"]
        stats = Path(tmp) / "time.txt"
        t = time.perf_counter()
        writer.start()
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(stats), str(exe), *args],
                              capture_output=True, text=True)
        writer.join()
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            sys.exit(f"trade_ingest failed ({proc.returncode}):\n{proc.stderr}")
        _, rss_kb = stats.read_text().split()[-2:]
    out = proc.stdout.strip()
    summary = {
        "mode": a.mode, "bytes": counter["bytes"], "rows": counter["rows"],
        "wall_s": round(wall, 1), "peak_rss_mb": round(int(rss_kb) * 1024 / 1e6, 1),
    }
    if a.mode == "rows":
        summary["rows_read"] = int(out)
        if summary["rows_read"] != counter["rows"]:
            sys.exit(f"rows read {summary['rows_read']} != rows written {counter['rows']}")
    else:
        # One export and one import total per pass (year) for the Kazakhstan-Uzbekistan pair.
        summary["pair_totals"] = len(json.loads(out))
        if summary["pair_totals"] != 2 * (counter["last_year"] - 1990):
            sys.exit(f"{summary['pair_totals']} pair totals for {counter['last_year'] - 1990} passes")
    (OUT / f"stream_10gb_{a.mode}.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{a.mode}: {counter['bytes'] / 1e9:.2f} GB, {counter['rows']:,} rows in {wall:.0f} s; "
          f"peak RSS {summary['peak_rss_mb']} MB")


def provider(a):
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    build = ["cargo", "build", "--quiet", "--release", "--example", "query_bench"]
    if a.features:
        build += ["--features", a.features]
    subprocess.run(build, cwd=CRATE, check=True, env=env)
    exe = CRATE / "target" / "release" / "examples" / "query_bench"
    OUT.mkdir(parents=True, exist_ok=True)
    counter = {}
    meta = a.file.with_suffix(".json")
    if a.keep and a.file.exists() and meta.exists():
        counter = json.loads(meta.read_text())
    else:
        t = time.perf_counter()
        write_rows(a.file, int(a.gb * 1e9), counter)
        meta.write_text(json.dumps(counter))
        print(f"wrote {a.file} ({counter['bytes'] / 1e9:.2f} GB) in {time.perf_counter() - t:.0f} s")
    try:
        stats = OUT / "time.txt"
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(stats), str(exe),
                               "provider", str(a.file), SQL], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"query_bench failed ({proc.returncode}):\n{proc.stderr}")
        wall, rss_kb = stats.read_text().split()[-2:]
    finally:
        if not a.keep:
            a.file.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
    groups = len(proc.stdout.strip().splitlines()) - 1
    passes = counter["last_year"] - 1990
    if groups != 2 * passes:
        sys.exit(f"{groups} (year, flow) totals for {passes} passes")
    summary = {
        "engine": "provider", "bytes": counter["bytes"], "rows": counter["rows"],
        "wall_s": float(wall), "peak_rss_mb": round(int(rss_kb) * 1024 / 1e6, 1),
        "groups": groups, "cpus": os.cpu_count(),
        "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "counters": proc.stderr.strip().splitlines()[0],
    }
    (OUT / "stream_10gb_provider.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"provider: {counter['bytes'] / 1e9:.2f} GB, {counter['rows']:,} rows in {float(wall):.1f} s; "
          f"peak RSS {summary['peak_rss_mb']} MB; {groups} totals")


if __name__ == "__main__":
    main()
