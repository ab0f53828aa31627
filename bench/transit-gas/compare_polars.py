"""Times `dostyk gas balance` against polars on the same ENTSOG-format CSV.

Usage (from the workspace root):
    cargo build --release -p dostyk-cli
    PY=$(bash /work/shared/peers/setup.sh | tail -1)   # a python with polars 2.x
    $PY bench/transit-gas/compare_polars.py [POINTS] [DAYS]

Both sides read the CSV, assign each record to its gas day (local date of periodFrom - 6 h), sum
Nomination, Allocation, Physical Flow and Firm Technical per operator, point, direction and gas day,
compute utilisation = physical / firm technical, and write the table as JSON. Dostyk also computes
revisions, country balances and series totals, which polars is not asked to do. Each side is run
five times; the best wall time and the best CPU time (user + system, all threads) count. Polars is
timed in-process (its interpreter start-up is not counted); dostyk is timed as a process (its
start-up is counted). On a shared machine the CPU time is the steadier measure: wall time waits
for other processes.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import polars as pl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def polars_balance(path, out):
    df = pl.read_csv(path, infer_schema_length=0)
    df = df.with_columns(
        pl.col("periodFrom").str.to_datetime("%Y-%m-%dT%H:%M:%S%:z").alias("from"),
        pl.col("value").cast(pl.Float64),
    )
    df = df.with_columns(
        (pl.col("from") - pl.duration(hours=6)).dt.convert_time_zone("Asia/Almaty").dt.date().alias("gas_day")
    )
    keys = ["operatorKey", "pointKey", "directionKey", "gas_day"]
    pivot = df.group_by(keys + ["indicator"]).agg(pl.col("value").sum()).pivot(
        on="indicator", index=keys, values="value"
    )
    pivot = pivot.with_columns(
        (pl.col("Physical Flow") / pl.col("Firm Technical")).alias("utilisation")
    ).sort(keys)
    pivot.write_json(out)
    return pivot.height


def cpu_now():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(f, runs=5):
    walls, cpus = [], []
    for _ in range(runs):
        c, t = cpu_now(), time.perf_counter()
        f()
        walls.append(time.perf_counter() - t)
        cpus.append(cpu_now() - c)
    return min(walls), min(cpus)


def main():
    points = sys.argv[1] if len(sys.argv) > 1 else "40"
    days = sys.argv[2] if len(sys.argv) > 2 else "365"
    dostyk = os.path.join(ROOT, "target", "release", "dostyk")
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "entsog.csv")
        subprocess.run([sys.executable, os.path.join(HERE, "make_entsog.py"), csv_path, points, days], check=True)
        size_mb = os.path.getsize(csv_path) / 1e6
        records = sum(1 for _ in open(csv_path)) - 1
        rows = polars_balance(csv_path, os.path.join(tmp, "polars.json"))
        t_polars = best(lambda: polars_balance(csv_path, os.path.join(tmp, "polars.json")))
        dostyk_out = os.path.join(tmp, "dostyk.json")
        cmd = [dostyk, "--quiet", "gas", "balance", csv_path, "--format", "json", "--out", dostyk_out]
        subprocess.run(cmd, check=True)
        with open(dostyk_out) as fh:
            points_out = len(json.load(fh)["points"])
        assert points_out == rows, (points_out, rows)
        t_dostyk = best(lambda: subprocess.run(cmd, check=True))
        print(f"records {records} ({size_mb:.1f} MB), point-days {rows}")
        print(f"polars {pl.__version__}: wall {t_polars[0] * 1000:.0f} ms, cpu {t_polars[1] * 1000:.0f} ms")
        print(f"dostyk gas balance: wall {t_dostyk[0] * 1000:.0f} ms, cpu {t_dostyk[1] * 1000:.0f} ms")
        print(f"ratio dostyk / polars: wall {t_dostyk[0] / t_polars[0]:.2f}, cpu {t_dostyk[1] / t_polars[1]:.2f}")


if __name__ == "__main__":
    main()
