#!/usr/bin/env python3
"""The bilateral turnover query through Dostyk's DataFusion provider, side by side with
DataFusion's own CSV reader and polars' lazy scan_csv on the same file, and on the Parquet
conversion.

Usage (from the repository root):

    PY=$(bash ../shared/peers/setup.sh | tail -1)   # python with polars
    $PY bench/trade/query_compare.py [--rows 5000000] [--reporter 398 --partner 860]

1. Generates (or reuses) bench/out/comtrade_api_<rows>.csv with compare.py's generator.
2. Builds `cargo build --release --example query_bench` in crates/trade-datafusion (its own
   target folder; the crate is outside the workspace).
3. Converts the file to Parquet once (bench/out/comtrade_parquet_<rows>/, timed).
4. Runs, each in its own process under GNU time (wall, peak RSS), best of --repeat:
   - provider: SELECT … SUM(primary_value) … WHERE reporter_code = R AND partner_code = P
     GROUP BY reporter, partner, year, flow, over the Comtrade reader (filter pushed down);
   - datafusion_csv: the same SQL with Comtrade's column names over DataFusion's CSV reader;
   - polars: pl.scan_csv + filter + group_by + sum (as compare.py);
   - parquet: the provider's SQL over the Parquet conversion.
5. Checks the four give the same sums, prints the ratios, writes bench/out/query_compare.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from compare import POLARS, ROOT, generate, run_child  # noqa: E402

OUT = ROOT / "bench" / "out"
CRATE = ROOT / "crates" / "trade-datafusion"

SQL = ("SELECT reporter_code, partner_code, ref_year, flow_code, SUM(primary_value) AS v "
       "FROM comtrade WHERE reporter_code = {r} AND partner_code = {p} "
       "GROUP BY reporter_code, partner_code, ref_year, flow_code")
CSV_SQL = ('SELECT "reporterCode", "partnerCode", "refYear", "flowCode", SUM("primaryValue") AS v '
           'FROM comtrade_csv WHERE "reporterCode" = {r} AND "partnerCode" = {p} '
           'GROUP BY "reporterCode", "partnerCode", "refYear", "flowCode"')


def sums_from_csv(text):
    lines = [l.split(",") for l in text.strip().splitlines()[1:]]
    return {(int(y), f): round(float(v)) for _, _, y, f, v in lines}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--reporter", type=int, default=398)
    ap.add_argument("--partner", type=int, default=860)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"comtrade_api_{a.rows}.csv"
    if not path.exists():
        t = time.perf_counter()
        n = generate(path, a.rows)
        print(f"generated {path} ({n} rows) in {time.perf_counter() - t:.0f} s")
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "query_bench"],
                   cwd=CRATE, check=True, env=env)
    exe = CRATE / "target" / "release" / "examples" / "query_bench"
    pq = OUT / f"comtrade_parquet_{a.rows}"
    if not pq.exists():
        wall, rss, _ = run_child([str(exe), "convert", str(path), str(pq)])
        print(f"convert  wall {wall:.3f} s  peak RSS {rss / 1e6:.1f} MB")
    pq_bytes = sum(f.stat().st_size for f in pq.rglob("*.parquet"))
    sql = SQL.format(r=a.reporter, p=a.partner)
    runs = {
        "provider": [str(exe), "provider", str(path), sql],
        "datafusion_csv": [str(exe), "csv", str(path), CSV_SQL.format(r=a.reporter, p=a.partner)],
        "polars": [sys.executable, "-c", POLARS, str(path), str(a.reporter), str(a.partner)],
        "parquet": [str(exe), "parquet", str(pq), sql],
    }
    results = {}
    for name, cmd in runs.items():
        best = None
        for _ in range(a.repeat):
            wall, rss, out = run_child(cmd)
            if best is None or wall < best[0]:
                best = (wall, rss, out)
        if name == "polars":
            sums = {(y, f): round(v) for y, f, v in json.loads(best[2])}
        else:
            sums = sums_from_csv(best[2])
        results[name] = {"wall_s": round(best[0], 3), "peak_rss_mb": round(best[1] / 1e6, 1),
                         "sums": sums}
        print(f"{name:15s} wall {best[0]:.3f} s  peak RSS {best[1] / 1e6:.1f} MB")
    base = results["provider"]["sums"]
    for name, r in results.items():
        if r["sums"] != base:
            sys.exit(f"{name} gives other sums:\n{r['sums']}\nprovider: {base}")
    w = {k: v["wall_s"] for k, v in results.items()}
    ratios = {
        "datafusion_csv_over_provider": round(w["datafusion_csv"] / w["provider"], 2),
        "polars_over_provider": round(w["polars"] / w["provider"], 2),
        "provider_over_parquet": round(w["provider"] / w["parquet"], 2),
    }
    load = os.getloadavg()
    summary = {
        "rows": a.rows, "csv_mb": round(path.stat().st_size / 1e6), "parquet_mb": round(pq_bytes / 1e6),
        "cpus": os.cpu_count(), "loadavg_1_5_15": [round(x, 2) for x in load],
        "results": {k: {kk: vv for kk, vv in v.items() if kk != "sums"} for k, v in results.items()},
        "groups": len(base), "ratios": ratios,
    }
    (OUT / "query_compare.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"same sums in {len(base)} groups; load average {load[0]:.1f}")
    print(f"DataFusion CSV / provider: {ratios['datafusion_csv_over_provider']}x; "
          f"polars / provider: {ratios['polars_over_provider']}x; "
          f"provider on CSV / on Parquet: {ratios['provider_over_parquet']}x")


if __name__ == "__main__":
    main()
