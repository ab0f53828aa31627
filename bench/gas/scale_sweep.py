"""Gas network solver at scale: Dostyk against pandapipes `pipeflow` on meshed grids of 250 to
20,000 pipes (issue #16: the ratio must not fall with the size of the network).

Usage (from the repository root):
    PY=$(bash ../shared/peers/setup.sh | tail -1)
    cargo build --release -p dostyk-cli
    $PY bench/gas/scale_sweep.py [--repeat 3] [--sizes 250,1000,4000,16000,20000] [--markdown]
        [--networks DIR]

The grids are those of compare_pandapipes.py (same generator), with the offtakes scaled by
529 / junctions above 529 junctions so that the total withdrawal stays feasible from two entry
points. pandapipes is timed on its `pipeflow` call alone (flat start, Nikuradse,
max_iter_hyd=100), Dostyk on the `solve_seconds` that `dostyk gas solve --timing` prints (the
solve alone: network analysis, ordering, Newton iterations); best of --repeat each, both in a
running process (for Dostyk, --repeat processes each solving --repeat times with `--repeat N`).
The "cold" columns give Dostyk's best over --repeat
fresh processes of their one solve, which starts on idle processor cores. The largest
junction pressure difference between the two is printed. Networks go to a temporary folder, or
to --networks DIR, where they are kept and reused by later runs (building a 20,000-pipe network
element by element in pandapipes takes minutes).
"""
import argparse
import math
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_pandapipes import DOSTYK, mesh, time_dostyk, time_pandapipes  # noqa: E402
import pandapipes as pp  # noqa: E402


SIZES = [250, 1000, 4000, 16000, 20000]


def seed_for(size):
    """Random seed of the network of a size: 100 + its place in SIZES, else the size."""
    return 100 + SIZES.index(size) if size in SIZES else size


def grid_for(pipes):
    """rows × cols of a grid with about `pipes` pipes (2rc − r − c)."""
    side = (1 + math.sqrt(1 + 2 * pipes)) / 2
    rows = max(2, round(side))
    cols = max(2, round((pipes + rows) / (2 * rows - 1)))
    return rows, cols


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--no-pandapipes", action="store_true", help="time Dostyk alone")
    ap.add_argument("--networks", help="folder where the generated networks are kept and reused")
    args = ap.parse_args()
    if not os.path.exists(DOSTYK):
        sys.exit("build the release dostyk binary first: cargo build --release -p dostyk-cli")
    hdr = ("pipes", "junctions", "pandapipes pipeflow s", "pp iterations", "Dostyk solve s",
           "Dostyk iterations", "ratio", "max |dp| bar", "Dostyk cold s", "cold ratio")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.networks or tmp
        os.makedirs(folder, exist_ok=True)
        for size in (int(s) for s in args.sizes.split(",")):
            path = os.path.join(folder, "mesh_%d.json" % size)
            if os.path.exists(path):
                net = pp.from_json(path)
            else:
                r, c = grid_for(size)
                scale = min(1.0, 529.0 / (r * c))
                net = mesh(r, c, seed_for(size), offtake=(1.0 * scale, 5.0 * scale))
                pp.to_json(net, path)
            t_dk, t_cold, out = time_dostyk(path, args.repeat)
            if args.no_pandapipes:
                t_pp, it_pp, dp = float("nan"), 0, float("nan")
            else:
                t_pp, it_pp, res = time_pandapipes(net, args.repeat)
                dp = max(abs(j["pressure_bar_g"] - res.res_junction.p_bar.loc[j["id"]])
                         for j in out["junctions"])
            row = (len(net.pipe), len(net.junction), t_pp, it_pp, t_dk, out["iterations"],
                   t_pp / t_dk, dp, t_cold, t_pp / t_cold)
            rows.append(row)
            if not args.markdown:
                print(dict(zip(hdr, row)), flush=True)
    if args.markdown:
        print("| " + " | ".join(hdr) + " |")
        print("|" + "---|" * len(hdr))
        for row in rows:
            print("| {:,} | {:,} | {:.4f} | {} | {:.6f} | {} | {:.0f}× | {:.1e} | {:.6f} | {:.0f}× |"
                  .format(*row))


if __name__ == "__main__":
    main()
