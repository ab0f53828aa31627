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

With --ballista (builds the crate with its `ballista` feature), the provider's and the Parquet
query also run on Ballista: standalone (scheduler and executor inside the query's process), and
with --executors N on a local cluster that the script starts and stops itself: one scheduler and
N executors of `examples/ballista_node.rs`, one task slot each, queried through the scheduler's
URL. The sums must equal the local ones.
"""
import argparse
import json
import os
import socket
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
    ap.add_argument("--ballista", action="store_true",
                    help="also run on Ballista (standalone, and a local cluster with --executors)")
    ap.add_argument("--executors", type=int, default=0,
                    help="with --ballista: executors of a local cluster (0: no cluster)")
    ap.add_argument("--port", type=int, default=50050, help="the local cluster's first port")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"comtrade_api_{a.rows}.csv"
    if not path.exists():
        t = time.perf_counter()
        n = generate(path, a.rows)
        print(f"generated {path} ({n} rows) in {time.perf_counter() - t:.0f} s")
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    build = ["cargo", "build", "--quiet", "--release", "--example", "query_bench"]
    if a.ballista:
        build += ["--features", "ballista", "--example", "ballista_node"]
    subprocess.run(build, cwd=CRATE, check=True, env=env)
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
    if a.ballista:
        runs["ballista_standalone"] = runs["provider"] + ["--ballista", "standalone"]
        runs["ballista_standalone_parquet"] = runs["parquet"] + ["--ballista", "standalone"]
    cluster = start_cluster(CRATE / "target" / "release" / "examples" / "ballista_node",
                            a.executors, a.port) if a.ballista and a.executors else None
    if cluster:
        url = f"df://localhost:{a.port}"
        runs[f"ballista_{a.executors}_executors"] = runs["provider"] + ["--ballista", url]
        runs[f"ballista_{a.executors}_executors_parquet"] = runs["parquet"] + ["--ballista", url]
    try:
        results = measure(runs, a.repeat)
    finally:
        for p in cluster or []:
            p.terminate()
            p.wait()
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


def wait_port(port, proc, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"a Ballista process exited early ({proc.returncode})")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit(f"nothing listens on port {port} after {seconds} s")


def start_cluster(node, executors, port):
    """A scheduler on `port` and `executors` executors with one task slot each."""
    procs = [subprocess.Popen([str(node), "scheduler", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    wait_port(port, procs[0])
    for i in range(executors):
        flight, grpc = port + 10 * (i + 1), port + 10 * (i + 1) + 1
        procs.append(subprocess.Popen(
            [str(node), "executor", "localhost", str(port), str(flight), str(grpc), "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_port(grpc, procs[-1])
    time.sleep(2)  # the executors' first heartbeat registers them with the scheduler
    return procs


def measure(runs, repeat):
    results = {}
    for name, cmd in runs.items():
        best = None
        for _ in range(repeat):
            wall, rss, out = run_child(cmd)
            if best is None or wall < best[0]:
                best = (wall, rss, out)
        if name == "polars":
            sums = {(y, f): round(v) for y, f, v in json.loads(best[2])}
        else:
            sums = sums_from_csv(best[2])
        results[name] = {"wall_s": round(best[0], 3), "peak_rss_mb": round(best[1] / 1e6, 1),
                         "sums": sums}
        print(f"{name:28s} wall {best[0]:.3f} s  peak RSS {best[1] / 1e6:.1f} MB")
    return results


if __name__ == "__main__":
    main()
