"""Metering readings to dekad volumes: dostyk-water against polars, side by side.

Generates a deterministic metering CSV (SITES sites, one reading every 10 minutes through 2025,
no defects), then computes the volume per site and dekad with the trapezoidal rule twice:

- dostyk: `cargo run --release -p dostyk-water --example metering_dekads` (the whole process:
  read and validate the CSV, integrate, write the CSV);
- polars: read the CSV, parse timestamps, sort, trapezoid per interval, group by site and dekad,
  write the CSV (timed inside Python, interpreter start-up excluded).

With readings on a 10-minute grid no interval crosses a dekad boundary, so grouping intervals by
the dekad of their start is the same rule as dostyk's boundary split. The script checks that both
give the same volumes (relative difference below 1e-9) and prints the median wall times and
their ratio, and the median CPU times (user + system, all threads; the machine is shared, so
CPU time is the steadier figure).

Run from the workspace root with the peers' Python (bash /work/shared/peers/setup.sh prints it):
    PYTHON bench/water_metering.py [SITES] [REPEATS]
"""

import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta

import polars as pl

SITES = int(sys.argv[1]) if len(sys.argv) > 1 else 10
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
MAX_GAP_MINUTES = 30


def generate(path):
    start = datetime(2025, 1, 1)
    steps = 365 * 24 * 6
    with open(path, "w") as f:
        f.write("site,timestamp,discharge,unit\n")
        for s in range(SITES):
            site = f"site-{s:02d}"
            for i in range(steps):
                t = start + timedelta(minutes=10 * i)
                q = 50.0 + 5.0 * s + 20.0 * math.sin(2 * math.pi * i / (30 * 144)) + 3.0 * math.sin(i / 7.0)
                f.write(f"{site},{t:%Y-%m-%dT%H:%M},{q:.3f},m3/s\n")
    return SITES * steps


def polars_dekads(src, out):
    df = pl.read_csv(src)
    df = (
        df.with_columns(pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M"))
        .sort(["site", "timestamp"])
        .with_columns(
            pl.col("timestamp").shift(-1).over("site").alias("t1"),
            pl.col("discharge").shift(-1).over("site").alias("q1"),
        )
        .drop_nulls("t1")
        .with_columns(((pl.col("t1") - pl.col("timestamp")).dt.total_seconds()).alias("dt"))
        .filter(pl.col("dt") <= MAX_GAP_MINUTES * 60)
        .with_columns(
            ((pl.col("discharge") + pl.col("q1")) / 2.0 * pl.col("dt")).alias("v"),
            (
                pl.col("timestamp").dt.strftime("%Y-%m")
                + "-D"
                + (((pl.col("timestamp").dt.day() - 1) // 10).clip(upper_bound=2) + 1).cast(pl.Utf8)
            ).alias("dekad"),
        )
        .group_by(["site", "dekad"])
        .agg(pl.col("v").sum().alias("volume_m3"))
        .sort(["site", "dekad"])
    )
    df.write_csv(out)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "dostyk-water", "--example", "metering_dekads"],
        cwd=root,
        check=True,
    )
    exe = os.path.join(root, "target", "release", "examples", "metering_dekads")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "readings.csv")
        rows = generate(src)
        rust_out = os.path.join(tmp, "rust.csv")
        polars_out = os.path.join(tmp, "polars.csv")
        rust_times, polars_times, rust_cpu, polars_cpu = [], [], [], []
        for _ in range(REPEATS):
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([exe, src, str(MAX_GAP_MINUTES), rust_out], check=True, stderr=subprocess.DEVNULL)
            rust_times.append(time.perf_counter() - t0)
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            rust_cpu.append(c1.ru_utime - c0.ru_utime + c1.ru_stime - c0.ru_stime)
            p0 = time.process_time()
            t0 = time.perf_counter()
            polars_dekads(src, polars_out)
            polars_times.append(time.perf_counter() - t0)
            polars_cpu.append(time.process_time() - p0)
        rust = pl.read_csv(rust_out).filter(pl.col("volume_m3") > 0)
        pol = pl.read_csv(polars_out)
        joined = rust.join(pol, on=["site", "dekad"], how="full", suffix="_polars")
        missing = joined.filter(pl.col("volume_m3").is_null() | pl.col("volume_m3_polars").is_null()).height
        worst = joined.select(
            ((pl.col("volume_m3") - pl.col("volume_m3_polars")).abs() / pl.col("volume_m3_polars")).max()
        ).item()
        r, p = statistics.median(rust_times), statistics.median(polars_times)
        print(f"rows: {rows} readings, {SITES} sites; dekads: {rust.height} (dostyk) / {pol.height} (polars)")
        print(f"dekads in only one output: {missing}; worst relative volume difference: {worst:.3e}")
        rc, pc = statistics.median(rust_cpu), statistics.median(polars_cpu)
        print(f"wall, median of {REPEATS}: dostyk {r:.3f} s, polars {p:.3f} s, ratio polars/dostyk {p / r:.2f}")
        print(f"cpu,  median of {REPEATS}: dostyk {rc:.3f} s, polars {pc:.3f} s, ratio polars/dostyk {pc / rc:.2f}")
        if missing or worst > 1e-9:
            sys.exit("the two implementations disagree")


if __name__ == "__main__":
    main()
