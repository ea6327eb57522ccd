"""lint_frame and lint_dask against the command line on the same replies:
``python benchmarks/frames.py [--rounds N] [--dask]`` (needs ``cslint[dataframes]``;
``--dask`` also ``dask[distributed]``).

The twcs export of ``../shared/corpus/`` (35,606 replies with the customer's message) is
read into a DataFrame once; each round then lints it in a fresh process through
``lint_frame`` and through ``cslint -j 1 --format jsonl`` on the export itself, and reports
the CPU seconds of each (rules loaded from the rule cache in both; reading the export
into pandas is not counted: a frame is where the data already is). Rounds alternate, so
a busy machine slows both alike; the medians are printed. With ``--dask``, the wall time
of ``lint_dask`` on a local cluster of 1 and of 2 worker processes.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT.parent / "shared" / "corpus" / "twcs.jsonl"

#: One lint_frame run in a fresh process: prints its CPU seconds and findings as JSON.
FRAME = """
import json, sys, time
import pandas as pd
from cslint.dataframes import lint_frame
df = pd.read_json(sys.argv[1], lines=True, dtype={"id": str})
start = time.process_time()
found = lint_frame(df, context_column="context", id_column="id")
print(json.dumps({"cpu": time.process_time() - start, "findings": len(found), "replies": len(df)}))
"""


def frame_round() -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", FRAME, str(EXPORT)], capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out)
    return result


def cli_round() -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-m", "cslint", "-j", "1", "-q", "--format", "jsonl", str(EXPORT)],
                         capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "findings": len(out.splitlines())}


def dask_wall(workers: int, rounds: int) -> float:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    from cslint.dataframes.dask import lint_dask

    df = pd.read_json(EXPORT, lines=True, dtype={"id": str})
    ddf = dd.from_pandas(df, npartitions=8)
    times = []
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        ddf = client.persist(ddf)
        lint_dask(ddf.partitions[:workers], context_column="context", id_column="id").compute()  # rules compiled
        for _ in range(rounds):
            start = time.perf_counter()
            lint_dask(ddf, context_column="context", id_column="id").compute()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    if not EXPORT.is_file():
        print(f"benchmark skipped: no {EXPORT}")
        return 0
    cli_round()  # the rule cache filled, as it is for every run after the first
    frames, clis = [], []
    for _ in range(args.rounds):
        frames.append(frame_round())
        clis.append(cli_round())
        print(f"lint_frame {frames[-1]['cpu']:.2f} s CPU ({frames[-1]['findings']} findings); "
              f"cslint -j 1 {clis[-1]['cpu']:.2f} s CPU ({clis[-1]['findings']} findings)", flush=True)
    frame, cli = statistics.median(f["cpu"] for f in frames), statistics.median(c["cpu"] for c in clis)
    replies = frames[0]["replies"]
    print(f"median: lint_frame {frame:.2f} s, the command line {cli:.2f} s ({frame / cli:.2f}x); "
          f"{replies / frame:,.0f} replies per CPU second through lint_frame")
    if args.dask:
        one, two = dask_wall(1, args.rounds), dask_wall(2, args.rounds)
        print(f"lint_dask wall time: 1 worker {one:.2f} s, 2 workers {two:.2f} s (speed-up {one / two:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
