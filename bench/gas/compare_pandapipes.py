"""Gas network solver: Dostyk against pandapipes on meshed networks of about 200, 500 and 1,000 pipes.

Usage (from the repository root):
    PY=$(bash ../shared/peers/setup.sh)
    cargo build --release -p dostyk-cli
    $PY bench/gas/compare_pandapipes.py [--repeat 5] [--markdown]

For each size the script builds a grid network (random lengths, diameters, heights and offtakes,
two entry points, lgas), saves it with pandapipes.to_json, then
  * times pandapipes' `pipeflow` call alone (flat start, Nikuradse, max_iter_hyd raised so that it
    converges, default tolerances), best of --repeat runs;
  * times Dostyk's solve alone (`solve_seconds` of `target/release/dostyk gas solve --timing`: no
    file reading or writing) as pandapipes is timed, in a running process: the best of --repeat
    processes solving --repeat times each (`--repeat N`); and also "cold": the one solve of a
    fresh process, best of --repeat processes (a fresh process starts its solve on idle processor cores: see
    docs/performance.md);
  * compares the junction pressures (largest |Δp| in bar).
The networks are written to a temporary folder; nothing is written into the repository.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings

import pandapipes as pp

warnings.filterwarnings("ignore")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOSTYK = os.path.join(ROOT, "target", "release", "dostyk")


def mesh(rows, cols, seed, offtake=(1.0, 5.0)):
    rnd = random.Random(seed)
    net = pp.create_empty_network(fluid="lgas")
    ids = {}
    for r in range(rows):
        for c in range(cols):
            ids[r, c] = pp.create_junction(net, pn_bar=70.0, tfluid_k=288.15,
                                           height_m=rnd.uniform(0.0, 400.0), name="N%d_%d" % (r, c))
    for r in range(rows):
        for c in range(cols):
            for dr, dc in [(0, 1), (1, 0)]:
                if r + dr < rows and c + dc < cols:
                    pp.create_pipe_from_parameters(
                        net, ids[r, c], ids[r + dr, c + dc], length_km=rnd.uniform(5.0, 30.0),
                        inner_diameter_mm=rnd.choice([500.0, 700.0, 800.0, 1000.0, 1200.0]),
                        k_mm=rnd.choice([0.02, 0.03, 0.05]), name="P%d_%d_%s" % (r, c, "h" if dc else "v"))
    pp.create_ext_grid(net, junction=ids[0, 0], p_bar=70.0, t_k=288.15, name="entry west")
    pp.create_ext_grid(net, junction=ids[rows - 1, cols - 1], p_bar=68.0, t_k=288.15, name="entry east")
    n_sinks = 0
    for (r, c), j in sorted(ids.items()):
        if (r, c) not in [(0, 0), (rows - 1, cols - 1)] and rnd.random() < 0.35:
            n_sinks += 1
            pp.create_sink(net, junction=j, mdot_kg_per_s=rnd.uniform(*offtake), name="offtake %d_%d" % (r, c))
    return net


def time_pandapipes(net, repeat):
    best, iterations = float("inf"), None
    for _ in range(repeat):
        fresh = pp.from_json_string(pp.to_json(net))
        start = time.perf_counter()
        pp.pipeflow(fresh, max_iter_hyd=100)
        best = min(best, time.perf_counter() - start)
        iterations = int(fresh._internal_results["iterations_hydraulics"])
        result = fresh
    return best, iterations, result


def run_dostyk(path, repeat=1):
    """One `dostyk gas solve --timing --repeat REPEAT`: its fastest solve (s) and its result."""
    proc = subprocess.run([DOSTYK, "gas", "solve", path, "--timing", "--repeat", str(repeat)],
                          check=True, capture_output=True, text=True)
    return float(proc.stderr.split("solve_seconds")[1].split()[0]), json.loads(proc.stdout)


def time_dostyk(path, repeat):
    """Dostyk's solve as pandapipes' is timed, in a running process (the best of `repeat`
    processes each solving `repeat` times: one process alone can fall in a slow spell of a
    shared machine), the best of `repeat` fresh processes' single solves (cold), and the
    result."""
    runs = [run_dostyk(path, repeat) for _ in range(repeat)]
    warm, out = min(runs, key=lambda run: run[0])
    cold = min(run_dostyk(path)[0] for _ in range(repeat))
    return warm, cold, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(DOSTYK):
        sys.exit("build the release dostyk binary first: cargo build --release -p dostyk-cli")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for (r, c, seed) in [(10, 11, 1), (16, 16, 2), (23, 23, 3)]:
            net = mesh(r, c, seed)
            path = os.path.join(tmp, "mesh_%d.json" % len(net.pipe))
            pp.to_json(net, path)
            t_pp, it_pp, res = time_pandapipes(net, args.repeat)
            t_dk, t_cold, out = time_dostyk(path, args.repeat)
            dp = max(abs(j["pressure_bar_g"] - res.res_junction.p_bar.loc[j["id"]]) for j in out["junctions"])
            default_ok = True
            try:
                fresh = pp.from_json_string(pp.to_json(net))
                pp.pipeflow(fresh)
            except Exception:
                default_ok = False
            rows.append((len(net.pipe), len(net.junction), t_pp, it_pp, default_ok, t_dk, out["iterations"], t_pp / t_dk, dp, t_cold, t_pp / t_cold))
        # Robustness: the 1,012-pipe grid with heavier offtakes (2-10 kg/s).
        heavy = mesh(23, 23, 3, offtake=(2.0, 10.0))
        path = os.path.join(tmp, "mesh_heavy.json")
        pp.to_json(heavy, path)
        try:
            pp.pipeflow(heavy, max_iter_hyd=100)
            pp_heavy = "converged in %d iterations" % heavy._internal_results["iterations_hydraulics"]
        except Exception:
            pp_heavy = "did not converge in 100 iterations (residual %.1e)" % heavy._internal_results.get("residual_norm_hydraulics", float("nan"))
        _, out = run_dostyk(path)
        robustness = "heavy 1,012-pipe grid (%.0f kg/s offtakes): pandapipes %s; Dostyk converged in %d iterations" % (
            heavy.sink.mdot_kg_per_s.sum(), pp_heavy, out["iterations"])
    hdr = ("pipes", "junctions", "pandapipes pipeflow s", "pp iterations", "pp converges with default 10 iterations",
           "Dostyk solve s", "Dostyk iterations", "ratio", "max |dp| bar", "Dostyk cold s", "cold ratio")
    if args.markdown:
        print("| " + " | ".join(hdr) + " |")
        print("|" + "---|" * len(hdr))
        for row in rows:
            print("| %d | %d | %.4f | %d | %s | %.6f | %d | %.0f× | %.1e | %.6f | %.0f× |" % (row[0], row[1], row[2], row[3], "yes" if row[4] else "no", *row[5:]))
    else:
        for row in rows:
            print(dict(zip(hdr, row)))
    print()
    print(robustness)


if __name__ == "__main__":
    main()
