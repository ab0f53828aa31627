#!/usr/bin/env python3
"""Side-by-side speed of Dostyk's allocation engine and pywr 1.x on the Syr Darya-like model.

Usage (from the repository root, with the peers' Python that has pywr 1.31.1):

    PY=$(bash /work/shared/peers/setup.sh)
    $PY bench/water/compare.py [--years 50] [--repeats 3]
    python3 bench/water/compare.py --sweep [--repeats 3] [--pywr-next $(bash /work/shared/peers/setup-pywr-next.sh)]

It generates the model (crates/water/tests/models/generate_models.py) under target/water-bench/,
builds the `dostyk` binary in release mode, then for each repeat runs pywr (`Model.run()`, whose
`RunResult.speed` excludes model loading; the first pywr run also records every node, later runs
record nothing) and `dostyk water run` (whose reported speed excludes loading and LP
construction; it always writes the full results CSV afterwards) one after the other, and prints
timesteps per second, the ratio per pair of runs, and the largest difference between the two
engines' results.

With `--members N` it benchmarks an inflow ensemble instead: the same model with a scenario of N
members (a `constantscenario` factor from 0.75 to 1.1 on every catchment). pywr runs every
combination in its time loop (`RunResult.time_taken`); Dostyk runs them in parallel
(`dostyk water run --threads T --timing`, its `loop_seconds`, results written to /dev/null);
the ratio is pywr's loop time over Dostyk's, both for all N members:

    $PY bench/water/compare.py --years 10 --members 50 --threads 2 --repeats 3

With --sweep it measures how the time loop grows with model size instead: the Syr Darya-like
model over 5 years with 0, 50, 200 and 800 extra tributary units (52 to 4,852 nodes), Dostyk
and, given pywr-next's python, pywr-next (Clp) on the model converted by its v1->v2 converter.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "target", "water-bench")


def pywr_run(model_path, want_results):
    from pywr.core import Model
    from pywr.nodes import Storage, VirtualStorage
    from pywr.recorders import NumpyArrayNodeRecorder, NumpyArrayStorageRecorder
    import json

    t0 = time.perf_counter()
    model = Model.load(model_path)
    load = time.perf_counter() - t0
    recs = {}
    if want_results:
        names = [n["name"] for n in json.load(open(model_path))["nodes"]]
        for name in names:
            node = model.nodes[name]
            if isinstance(node, (Storage, VirtualStorage)):
                recs[(name, "volume")] = NumpyArrayStorageRecorder(model, node, name=f"v {name}")
            elif hasattr(node, "flow") and node.__class__.__name__ != "AggregatedNode":
                recs[(name, "flow")] = NumpyArrayNodeRecorder(model, node, name=f"f {name}")
    result = model.run()
    dates = [p.to_timestamp().strftime("%Y-%m-%d") for p in model.timestepper.datetime_index]
    values = {}
    for key, rec in recs.items():
        arr = rec.data[:, 0]
        for d, v in zip(dates, arr):
            values[(d, key[0], key[1])] = float(v)
    return result.speed, load, values


def dostyk_run(model_path, out_csv):
    exe = os.path.join(ROOT, "target", "release", "dostyk")
    p = subprocess.run([exe, "water", "run", model_path, "--out", out_csv], capture_output=True, text=True, check=True)
    m = re.search(r"\(([0-9]+) steps/s[;)]", p.stderr)
    return float(m.group(1)), p.stderr.strip().splitlines()[-1]


def pywr_loop_seconds(model_path):
    from pywr.core import Model
    model = Model.load(model_path)
    result = model.run()
    return result.time_taken, len(model.scenarios.combinations), len(model.timestepper)


def dostyk_loop_seconds(model_path, threads):
    exe = os.path.join(ROOT, "target", "release", "dostyk")
    with open(os.devnull, "w") as sink:
        p = subprocess.run([exe, "water", "run", model_path, "--threads", str(threads), "--timing"],
                           stdout=sink, stderr=subprocess.PIPE, text=True, check=True)
    m = re.search(r"^loop_seconds ([0-9.e-]+)$", p.stderr, re.M)
    return float(m.group(1))


def ensemble(a):
    """pywr's and Dostyk's time loops on an inflow ensemble of `a.members` members."""
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "crates", "water", "tests", "models", "generate_models.py"),
                    "--syr-darya-years", str(a.years), "--syr-darya-members", str(a.members), "--out", OUT],
                   check=True)
    subprocess.run(["cargo", "build", "--release", "-p", "dostyk-cli"], cwd=ROOT, check=True)
    model = os.path.join(OUT, f"syr_darya_{a.years}y_{a.members}m.json")
    ratios = []
    for r in range(a.repeats):
        ps, runs, steps = pywr_loop_seconds(model)
        ds = dostyk_loop_seconds(model, a.threads)
        ratios.append(ps / ds)
        print(f"repeat {r + 1}: {runs} members x {steps} days: pywr loop {ps:.2f} s "
              f"({runs * steps / ps:,.0f} scenario-steps/s) | dostyk loop {ds:.3f} s with {a.threads} threads "
              f"({runs * steps / ds:,.0f} scenario-steps/s) | ratio {ps / ds:.1f}x")
    ratios.sort()
    print(f"median ratio {ratios[len(ratios) // 2]:.1f}x (range {ratios[0]:.1f}-{ratios[-1]:.1f}x)")


def pywr_next_speed(py, model_path):
    """pywr-next's time loop (steps/s, Clp) on a pywr 1.x model converted with its v1->v2 converter,
    run in pywr-next's own Python (a separate virtual environment)."""
    script = r"""
import json, os, sys, tempfile, pywr
src = sys.argv[1]
schema, errors = pywr.convert_model_from_v1_json_string(open(src).read())
if errors:
    print("conversion errors:", errors[:3], file=sys.stderr)
d = os.path.dirname(os.path.abspath(src))
out = os.path.join(d, os.path.basename(src).replace(".json", ".v2.json"))
open(out, "w").write(schema.to_json_string())
model = pywr.ModelSchema.from_path(out).build(data_path=d, output_path=tempfile.mkdtemp())
print(model.run("clp").timings.speed)
"""
    p = subprocess.run([py, "-c", script, model_path], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "failed"
    return float(p.stdout.strip().splitlines()[-1]), ""


def sweep(a):
    """The size sweep: the Syr Darya-like model over 5 years with 0, 50, 200 and 800 extra
    tributary units (6 nodes each), Dostyk's time loop (and pywr-next's, with --pywr-next PY)."""
    exe = os.path.join(ROOT, "target", "release", "dostyk")
    subprocess.run(["cargo", "build", "--release", "-p", "dostyk-cli"], cwd=ROOT, check=True)
    print("| nodes | LP rows x columns | Dostyk steps/s (runs) | pywr-next (Clp) steps/s |")
    print("|---|---|---|---|")
    for units in a.units:
        subprocess.run([sys.executable,
                        os.path.join(ROOT, "crates", "water", "tests", "models", "generate_models.py"),
                        "--syr-darya-years", "5", "--units", str(units), "--out", OUT], check=True)
        stem = "syr_darya_5y" + (f"_{units}u" if units else "")
        model = os.path.join(OUT, stem + ".json")
        import json
        nodes = len(json.load(open(model))["nodes"])
        speeds, size = [], ""
        for _ in range(a.repeats):
            p = subprocess.run([exe, "water", "run", model, "--out", os.path.join(OUT, "sweep.csv")],
                               capture_output=True, text=True, check=True)
            m = re.search(r"\(([0-9]+) steps/s[;)]", p.stderr)
            speeds.append(float(m.group(1)))
            size = re.search(r"LP ([0-9]+ rows x [0-9]+) columns", p.stderr).group(1)
        nxt = ""
        if a.pywr_next:
            v, err = pywr_next_speed(a.pywr_next, model)
            nxt = f"{v:,.0f}" if v is not None else f"failed: {err}"
        speeds.sort()
        print(f"| {nodes:,} | {size} | {speeds[0]:,.0f}-{speeds[-1]:,.0f} ({len(speeds)}) | {nxt} |", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=50)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--members", type=int, default=0,
                    help="benchmark an inflow ensemble of this many members instead")
    ap.add_argument("--threads", type=int, default=2, help="Dostyk's threads for --members")
    ap.add_argument("--sweep", action="store_true",
                    help="the size sweep (5 years; 45 to about 5,000 nodes) instead of the pywr comparison")
    ap.add_argument("--units", type=int, nargs="+", default=[0, 50, 200, 800],
                    help="tributary units of the sweep's models")
    ap.add_argument("--pywr-next", metavar="PY",
                    help="pywr-next's python (bash /work/shared/peers/setup-pywr-next.sh) for the sweep")
    a = ap.parse_args()
    if a.members:
        ensemble(a)
        return
    if a.sweep:
        sweep(a)
        return
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "crates", "water", "tests", "models", "generate_models.py"),
                    "--syr-darya-years", str(a.years), "--out", OUT], check=True)
    subprocess.run(["cargo", "build", "--release", "-p", "dostyk-cli"], cwd=ROOT, check=True)
    model = os.path.join(OUT, f"syr_darya_{a.years}y.json")
    out_csv = os.path.join(OUT, "dostyk_results.csv")
    rows = []
    pywr_values = None
    for r in range(a.repeats):
        ps, load, vals = pywr_run(model, want_results=(r == 0))
        if r == 0:
            pywr_values = vals
        ds, info = dostyk_run(model, out_csv)
        rows.append((ps, ds))
        print(f"repeat {r + 1}: pywr {ps:,.0f} steps/s (load {load:.2f} s) | dostyk {ds:,.0f} steps/s | ratio {ds / ps:.1f}x")
        print(f"  {info}")
    # Agreement on the recorded series.
    worst = (0.0, None)
    with open(out_csv) as f:
        for row in csv.DictReader(f):
            key = (row["date"], row["node"], row["attribute"])
            if key in pywr_values:
                d = abs(float(row["value"]) - pywr_values[key])
                if d > worst[0]:
                    worst = (d, key)
    ps = sorted(p for p, _ in rows)
    ds = sorted(d for _, d in rows)
    print(f"pywr 1.x (GLPK): {ps[0]:,.0f}-{ps[-1]:,.0f} steps/s; dostyk: {ds[0]:,.0f}-{ds[-1]:,.0f} steps/s; "
          f"median ratio {sorted(d / p for p, d in rows)[len(rows) // 2]:.1f}x")
    print(f"largest |dostyk - pywr| over {len(pywr_values)} values: {worst[0]:.3e} at {worst[1]}")


if __name__ == "__main__":
    main()
