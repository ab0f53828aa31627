#!/usr/bin/env python3
"""Dostyk's Comtrade ingest against polars, side by side, on the same generated file.

Usage (from the repository root):

    PY=$(bash ../shared/peers/setup.sh | tail -1)   # python with polars
    $PY bench/trade/compare.py [--rows 5000000] [--reporter 398 --partner 860]

1. Generates bench/out/comtrade_api_<rows>.csv once (UN Comtrade current-API CSV, 47 columns,
   quoted descriptions with commas, 50 reporters x 50 partners x 4 years x 2 flows x 250 HS6
   codes each; deterministic).
2. Builds `cargo build --release -p dostyk-trade --example trade_ingest -p dostyk-cli`.
3. Runs, each in its own process, in turns (polars, then each Dostyk form, `--repeat` times;
   the best run of each is kept):
   - polars in its fastest form: lazy `pl.scan_csv` + filter on reporter and partner +
     `group_by(reporter, partner, year, flow)` + sum of primaryValue;
   - Dostyk (`trade_ingest`): the reader with the reporter/partner filter pushed down, parsing
     on every core, and the aggregator (double-counting rules included) per reporter, partner,
     year and flow; the same on one thread (`DOSTYK_THREADS=1`);
   - `dostyk trade summary FILE --reporter R --partner P --format json`: the command itself
     (every core), with its whole JSON summary.
   Wall time and peak RSS of each run come from GNU time (`/usr/bin/time -f '%e %M'`).
4. Checks that all give the same sums, prints the ratios and writes
   bench/out/trade_ingest.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"

HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,"
    "flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,"
    "classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,"
    "isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,"
    "isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,"
    "grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,"
    "isAggregate"
)

# 50 M49 codes with ISO3 and names (some with commas, so they are quoted as in real files).
AREAS = [
    (398, "KAZ", "Kazakhstan"), (860, "UZB", "Uzbekistan"), (417, "KGZ", "Kyrgyzstan"),
    (762, "TJK", "Tajikistan"), (795, "TKM", "Turkmenistan"), (643, "RUS", "Russian Federation"),
    (156, "CHN", "China"), (792, "TUR", "Türkiye"), (276, "DEU", "Germany"), (842, "USA", "USA"),
    (410, "KOR", "Korea, Rep."), (392, "JPN", "Japan"), (699, "IND", "India"), (364, "IRN", "Iran"),
    (31, "AZE", "Azerbaijan"), (268, "GEO", "Georgia"), (51, "ARM", "Armenia"),
    (112, "BLR", "Belarus"), (804, "UKR", "Ukraine"), (616, "POL", "Poland"), (380, "ITA", "Italy"),
    (251, "FRA", "France"), (724, "ESP", "Spain"), (528, "NLD", "Netherlands"),
    (56, "BEL", "Belgium"), (826, "GBR", "United Kingdom"), (757, "CHE", "Switzerland"),
    (40, "AUT", "Austria"), (203, "CZE", "Czechia"), (348, "HUN", "Hungary"),
    (642, "ROU", "Romania"), (100, "BGR", "Bulgaria"), (300, "GRC", "Greece"),
    (818, "EGY", "Egypt"), (784, "ARE", "United Arab Emirates"), (682, "SAU", "Saudi Arabia"),
    (586, "PAK", "Pakistan"), (4, "AFG", "Afghanistan"), (50, "BGD", "Bangladesh"),
    (764, "THA", "Thailand"), (704, "VNM", "Viet Nam"), (458, "MYS", "Malaysia"),
    (360, "IDN", "Indonesia"), (36, "AUS", "Australia"), (124, "CAN", "Canada"),
    (76, "BRA", "Brazil"), (32, "ARG", "Argentina"), (484, "MEX", "Mexico"),
    (710, "ZAF", "South Africa"), (344, "HKG", "China, Hong Kong SAR"),
]
YEARS = [2020, 2021, 2022, 2023]
FLOWS = [("M", "Import"), ("X", "Export")]
CODES_PER_GROUP = 250


def quote(s):
    return '"' + s.replace('"', '""') + '"' if ("," in s or '"' in s) else s


def hs6_pool():
    # 5,000 distinct six-digit codes over chapters 01-97 (not a real list; realistic shape).
    codes = []
    for ch in range(1, 98):
        if ch == 77:
            continue
        for k in range(52):
            codes.append(f"{ch:02d}{(k * 37) % 100:02d}{(k * 13 + ch) % 100:02d}")
    seen, out = set(), []
    for c in codes:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out[:5000]


def row(year, reporter, flow, partner, code, n, k):
    """One API-CSV line: `reporter`/`partner` are (code, ISO3, name), `flow` (code, name); the
    value is spread pseudo-randomly from the row number `n`."""
    (rc, riso, rdesc), (fc, fdesc), (pc, piso, pdesc) = reporter, flow, partner
    value = 1000 + ((n * 2654435761) % 9_999_000) * 10 + (k % 7)
    weight = value // 3
    cif = f"{value}.0" if fc == "M" else ""
    fob = f"{value}.0" if fc == "X" else ""
    desc = quote(f"Goods of heading {code[:4]}, subheading {code}")
    return (
        f"C,A,{year}0101,{year},52,{year},{rc},{riso},{quote(rdesc)},{fc},{fdesc},"
        f"{pc},{piso},{quote(pdesc)},0,W00,World,H6,HS,True,{code},{desc},6,True,"
        f"C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,{weight}.0,False,-1,N/A,,False,"
        f"{weight}.0,False,,False,{cif},{fob},{value}.0,0,True,False\n"
    )


def generate(path, rows):
    pool = hs6_pool()
    groups = len(AREAS) * len(AREAS) * len(YEARS) * len(FLOWS)
    per_group = max(1, -(-rows // groups))
    written = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="") as f:
        f.write(HEADER + "\n")
        buf = []
        for ri, (rc, riso, rdesc) in enumerate(AREAS):
            for pi, (pc, piso, pdesc) in enumerate(AREAS):
                if pc == rc:
                    pc, piso, pdesc = 0, "W00", "World"
                for year in YEARS:
                    for fc, fdesc in FLOWS:
                        start = (ri * 131 + pi * 17 + year) % len(pool)
                        for k in range(per_group):
                            if written >= rows:
                                break
                            code = pool[(start + k * 7) % len(pool)]
                            buf.append(row(year, (rc, riso, rdesc), (fc, fdesc), (pc, piso, pdesc),
                                           code, written, k))
                            written += 1
                        if len(buf) >= 100_000:
                            f.write("".join(buf))
                            buf.clear()
        f.write("".join(buf))
    tmp.rename(path)
    return written


def run_child(cmd, env=None):
    """Runs `cmd` under /usr/bin/time; returns (wall seconds, peak RSS bytes, stdout).

    GNU time forks a small process and execs the command, so the peak RSS it reports is the
    command's own (measuring a child forked straight from this Python process would count the
    pages it inherits before exec).
    """
    stats = OUT / "time.txt"
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(stats), *cmd],
                          capture_output=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    wall, rss_kb = stats.read_text().split()[-2:]
    return float(wall), int(rss_kb) * 1024, proc.stdout.decode()


POLARS = r"""
import sys, json, polars as pl
path, rep, par = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
df = (
    pl.scan_csv(path)
    .filter((pl.col("reporterCode") == rep) & (pl.col("partnerCode") == par))
    .group_by(["reporterCode", "partnerCode", "refYear", "flowCode"])
    .agg(pl.col("primaryValue").sum())
    .collect()
)
print(json.dumps(sorted([[r["refYear"], r["flowCode"], r["primaryValue"]] for r in df.to_dicts()])))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--reporter", type=int, default=398)
    ap.add_argument("--partner", type=int, default=860)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool; the best is kept")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"comtrade_api_{a.rows}.csv"
    if not path.exists():
        t = time.perf_counter()
        n = generate(path, a.rows)
        print(f"generated {path} ({n} rows, {path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s")
    size = path.stat().st_size
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "-p", "dostyk-trade", "--example", "trade_ingest",
         "-p", "dostyk-cli"],
        cwd=ROOT, check=True,
    )
    exe = ROOT / "target" / "release" / "examples" / "trade_ingest"
    cli = ROOT / "target" / "release" / "dostyk"
    one_thread = {**os.environ, "DOSTYK_THREADS": "1"}
    tools = (
        ("polars", [sys.executable, "-c", POLARS, str(path), str(a.reporter), str(a.partner)], None),
        ("dostyk", [str(exe), str(path), str(a.reporter), str(a.partner)], None),
        ("dostyk_1_thread", [str(exe), str(path), str(a.reporter), str(a.partner)], one_thread),
        ("dostyk_trade_summary", [str(cli), "trade", "summary", str(path), "--reporter",
                                  str(a.reporter), "--partner", str(a.partner), "--format", "json"],
         None),
    )
    best = {}
    for _ in range(a.repeat):
        for name, cmd, env in tools:
            wall, rss, out = run_child(cmd, env)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, rss, out)
    results = {}
    for name, _, _ in tools:
        wall, rss, out = best[name]
        results[name] = {"wall_s": round(wall, 3), "peak_rss_mb": round(rss / 1e6, 1),
                         "result": json.loads(out)}
        print(f"{name:21s} wall {wall:.3f} s  peak RSS {rss / 1e6:.1f} MB")
    pol = {(y, f): round(v) for y, f, v in results["polars"]["result"]}
    for name in ("dostyk", "dostyk_1_thread"):
        dos = {(y, f): round(float(v)) for y, f, v in results[name]["result"]}
        if pol != dos:
            sys.exit(f"results differ:\npolars {pol}\n{name} {dos}")
    summary_sums = {}
    for record in results["dostyk_trade_summary"].pop("result"):
        for flow, field in (("X", "exports_usd"), ("M", "imports_usd")):
            if record[field] is not None:
                summary_sums[(int(record["period"]), flow)] = round(float(record[field]))
    if pol != summary_sums:
        sys.exit(f"results differ:\npolars {pol}\ndostyk trade summary {summary_sums}")
    speed = results["polars"]["wall_s"] / results["dostyk"]["wall_s"]
    memory = results["dostyk"]["peak_rss_mb"] / results["polars"]["peak_rss_mb"]
    import polars
    summary = {
        "rows": a.rows, "file_mb": round(size / 1e6), "polars_version": polars.__version__,
        "cpus": os.cpu_count(), "polars": results["polars"], "dostyk": results["dostyk"],
        "dostyk_1_thread": results["dostyk_1_thread"],
        "dostyk_trade_summary": results["dostyk_trade_summary"],
        "speedup_vs_polars": round(speed, 2), "memory_fraction_of_polars": round(memory, 3),
        "trade_summary_speedup_vs_polars": round(
            results["polars"]["wall_s"] / results["dostyk_trade_summary"]["wall_s"], 2),
        "one_thread_speedup_vs_polars": round(
            results["polars"]["wall_s"] / results["dostyk_1_thread"]["wall_s"], 2),
        "load_average": os.getloadavg(),
    }
    (OUT / "trade_ingest.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"same sums: {len(pol)} groups; Dostyk is {speed:.2f}x polars' speed "
          f"({summary['one_thread_speedup_vs_polars']:.2f}x on one thread; `dostyk trade summary` "
          f"{summary['trade_summary_speedup_vs_polars']:.2f}x), with {memory:.1%} of its peak "
          f"memory; load average {summary['load_average'][0]:.1f}")


if __name__ == "__main__":
    main()
