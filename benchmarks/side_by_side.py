"""Our schedule page and exports side by side with the floor and with pretalx, interleaved.

    python benchmarks/side_by_side.py [--runs 3] [--rounds 10] [--warmup 2] [--json FILE]

- **ours**: the example site with the programmes of ``dataset.py`` (8 rooms × 13 half-hour
  slots a day; 100 sessions in one day, 400 in four), in a database built once and kept
  under ``BARCAMP_BENCH_DIR`` (default ``.bench/`` in the repository). "cold" empties the
  app's cache before the request, "warm" serves it from there.
- **floor**: ``benchmarks/floor_site``, plain Wagtail serving our page's own HTML (fetched
  first) at the same URL depth, with the same Django, Wagtail and middleware.
- **pretalx**: its benchmark harness's installation (``PRETALXBENCH_DIR``, default
  ``.bench/pretalx``: a ``venv`` and ``pretalx.cfg``, seeded with the events bc100 and bc400
  of the same shape), when it is there: its server-rendered schedule (``/schedule/nojs``)
  and its frab XML, frab JSON and iCal exports.

Each site runs in its own process (Django's test client, in-process, as both harnesses
measure), started anew for every run; the coordinator asks them for one request at a time, every probe once per round,
the order reversed every other round, so that a change in the machine's speed hits all
alike. Before each run it waits for the machine to be quiet (``BENCH_MAX_BUSY`` %, default
15, for 3 s, at most ``BENCH_QUIET_TIMEOUT`` s, default 120) and records the load. Figures
are medians per run; the result is the median of the runs' medians.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH_DIR = Path(os.environ.get("BARCAMP_BENCH_DIR", ROOT / ".bench"))
PRETALX_DIR = Path(os.environ.get("PRETALXBENCH_DIR", BENCH_DIR / "pretalx"))
SIZES = (100, 400)
#: The events of the benchmark database: every size any benchmark asks for.
DATABASE_SIZES = (10, 100, 400, 1000)


def progress(message):
    print(message, file=sys.stderr, flush=True)


# Machine load


def _stat():
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4], fields[7]


def busy_percent(interval=1.0):
    total, idle, _steal = _stat()
    time.sleep(interval)
    total2, idle2, _steal2 = _stat()
    return 100.0 * (1 - (idle2 - idle) / max(1, total2 - total))


def wait_quiet():
    """Wait until the machine is at most BENCH_MAX_BUSY % busy for 3 s; the last reading."""
    limit = float(os.environ.get("BENCH_MAX_BUSY", "15"))
    deadline = time.monotonic() + float(os.environ.get("BENCH_QUIET_TIMEOUT", "120"))
    quiet, busy = 0, busy_percent()
    while time.monotonic() < deadline:
        quiet = quiet + 1 if busy <= limit else 0
        if quiet >= 3:
            return busy
        busy = busy_percent()
    progress(f"  machine still {busy:.0f} % busy after waiting; measuring anyway (the load is reported)")
    return busy


class LoadMeter:
    """Whole-machine busy %, the share of other processes (ours: the probes), steal and the
    load average while measuring."""

    def __init__(self, own_pids):
        self.own_pids = own_pids

    def _own_cpu(self):
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in [os.getpid(), *self.own_pids]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def __enter__(self):
        self.start = _stat()
        self.own = self._own_cpu()
        self.wall = time.perf_counter()
        return self

    def __exit__(self, *exc):
        total, idle, steal = _stat()
        ticks = max(1, total - self.start[0])
        wall = time.perf_counter() - self.wall
        busy = 1 - (idle - self.start[1]) / ticks
        own = (self._own_cpu() - self.own) / wall / (os.cpu_count() or 1)
        self.result = {
            "busy_pct": round(100 * busy, 1),
            "others_pct": round(100 * max(0.0, busy - own), 1),
            "steal_pct": round(100 * (steal - self.start[2]) / ticks, 1),
            "loadavg": Path("/proc/loadavg").read_text().split()[0],
        }


# Probe processes


class ProbeProcess:
    """A ``probe.py`` process: one site, answering one JSON command per line."""

    def __init__(self, kind, python, env=None):
        self.kind = kind
        self.process = subprocess.Popen(  # noqa: S603  (our own script and a known interpreter)
            [str(python), str(HERE / "probe.py"), kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
        )

    def call(self, op, **arguments):
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"The {self.kind} probe stopped (see the messages above).")
        answer = json.loads(line)
        if "error" in answer:
            raise SystemExit(f"The {self.kind} probe failed on {op}: {answer['error']}\n{answer['traceback']}")
        return answer

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.process.stdin.flush()
            self.process.wait(timeout=30)


def our_database(sizes=DATABASE_SIZES):
    """The benchmark database, built when missing (minutes: sessions are published as an
    editor publishes them) and kept for later runs."""
    sys.path.insert(0, str(HERE))
    from dataset import database_fingerprint

    path = BENCH_DIR / "ours" / f"programmes-{database_fingerprint(sizes)}.sqlite3"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        progress(f"Building the benchmark programmes ({', '.join(map(str, sizes))} sessions) in {path} ...")
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        subprocess.run(  # noqa: S603
            [sys.executable, str(HERE / "dataset.py"), str(partial), *map(str, sizes)],
            check=True,
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.site_settings"},
        )
        partial.rename(path)
    return path


def pretalx_python():
    python = PRETALX_DIR / "venv" / "bin" / "python"
    return python if python.exists() and (PRETALX_DIR / "pretalx.cfg").exists() else None


# Measuring


def interleaved(probes, runs, rounds, warmup):
    """``probes``: (label, process, probe name). Returns per label the median of each run,
    and the load of each run."""
    results = {label: [] for label, _process, _name in probes}
    loads = []
    pids = [process.process.pid for process in {process for _label, process, _name in probes}]
    for run in range(1, runs + 1):
        progress(f"  run {run}/{runs}: waiting for a quiet machine ...")
        quiet = wait_quiet()
        for _ in range(warmup):
            for _label, process, name in probes:
                process.call("time", probe=name)
        times = {label: [] for label, _process, _name in probes}
        with LoadMeter(pids) as load:
            for number in range(rounds):
                order = probes if number % 2 == 0 else probes[::-1]
                for label, process, name in order:
                    times[label].append(process.call("time", probe=name)["ms"])
                progress(f"  run {run}/{runs}: round {number + 1}/{rounds}")
        loads.append({"quiet_before_pct": round(quiet, 1), **load.result})
        for label, values in times.items():
            results[label].append(statistics.median(values))
        progress(f"  run {run}/{runs} done; load {loads[-1]}")
    return results, loads


def median_of_medians(values):
    return statistics.median(values)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--scaling", type=int, nargs="*", default=[10, 100, 400, 1000])
    parser.add_argument("--json", help="write the results to this file as well")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    result = measure(args)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    print(report(result))


def measure(args):
    """Every run with new probe processes: a process's speed varies with its start (measured:
    the same warm page at 20 and at 28 ms in two processes of the same code), so the runs'
    median must see several starts, not the rounds of one."""
    sizes = sorted(set(SIZES) | set(args.scaling))
    if set(sizes) - set(DATABASE_SIZES):
        raise SystemExit(f"The benchmark database has events of {DATABASE_SIZES} sessions only.")
    database = our_database()
    medians, loads = {}, []
    for run in range(1, args.runs + 1):
        sites = Sites(database, sizes)
        try:
            progress(f"Side by side, run {run}/{args.runs}: {len(sites.probes)} probes, {args.rounds} rounds ...")
            run_medians, run_loads = interleaved(sites.probes, 1, args.rounds, args.warmup)
            for label, values in run_medians.items():
                medians.setdefault(label, []).extend(values)
            loads += run_loads
            if run < args.runs:
                continue
            queries = {label: process.call("queries", probe=name)["queries"] for label, process, name in sites.probes}
            progress("Scaling: our page and exports at " + ", ".join(map(str, args.scaling)) + " sessions ...")
            scaling_probes = [
                (f"{kind} {size} {state}", sites.ours, f"{kind}-{size}-{state}")
                for size in args.scaling
                for kind in ("page", "frab-xml", "c3voc-json", "ical")
                for state in ("cold", "warm")
            ]
            scaling, scaling_loads = interleaved(scaling_probes, 1, max(5, args.rounds // 2), 1)
            scaling_queries = {
                label: sites.ours.call("queries", probe=name)["queries"] for label, _p, name in scaling_probes
            }
        finally:
            sites.close()
    return {
        "setup": sites.setup,
        "floor_check": sites.floor_check,
        "runs": args.runs,
        "rounds": args.rounds,
        "medians": medians,
        "loads": loads,
        "queries": queries,
        "scaling": {"sizes": args.scaling, "medians": scaling, "queries": scaling_queries, "loads": scaling_loads},
    }


class Sites:
    """The probe processes of one run, set up: ours, the floor with our page's HTML, pretalx."""

    def __init__(self, database, sizes):
        progress("Starting the probes ...")
        self.ours = ProbeProcess("ours", sys.executable, {"BARCAMP_BENCH_DB": str(database)})
        floor_db = BENCH_DIR / "floor" / "floor.sqlite3"
        floor_db.parent.mkdir(parents=True, exist_ok=True)
        self.floor = ProbeProcess("floor", sys.executable, {"FLOOR_SQLITE": str(floor_db)})
        python = pretalx_python()
        self.pretalx = ProbeProcess("pretalx", python, {"PRETALXBENCH_DIR": str(PRETALX_DIR)}) if python else None
        try:
            self._set_up(sizes, python)
        except BaseException:
            self.close()
            raise

    def _set_up(self, sizes, python):
        ours, floor = self.ours, self.floor
        self.setup = {"ours": ours.call("setup", sizes=sizes), "floor": floor.call("setup")}
        if self.pretalx:
            try:
                self.setup["pretalx"] = self.pretalx.call(
                    "setup", directory=str(PRETALX_DIR), slugs=[f"bc{size}" for size in SIZES]
                )
            except SystemExit as failure:
                # Measured without it rather than not at all: pretalx 2026.2 needs its Redis.
                progress(
                    f"pretalx left out: {str(failure).splitlines()[0]} (is its Redis running? The "
                    "harness's services.sh start)"
                )
                self.pretalx.close()
                self.pretalx = None
        if not python:
            progress(f"pretalx is not set up in {PRETALX_DIR} (its harness's setup.sh and seed.py): left out")
        self.floor_check = {}
        for size in SIZES:
            path = self.setup["ours"]["paths"][str(size)]
            html = ours.call("body", probe=f"page-{size}-warm")["body"]
            self.floor_check[size] = floor.call("store_floor", name=f"floor-{size}", path=path, html=html)

        self.probes = []
        for size in SIZES:
            self.probes += [(f"ours page {size} cold", ours, f"page-{size}-cold")]
            self.probes += [
                (f"ours page {size} warm", ours, f"page-{size}-warm"),
                (f"floor {size}", floor, f"floor-{size}"),
            ]
            for identifier in ("frab-xml", "c3voc-json", "ical"):
                for state in ("cold", "warm"):
                    self.probes.append((f"ours {identifier} {size} {state}", ours, f"{identifier}-{size}-{state}"))
            if self.pretalx:
                for name in ("nojs", "frab-xml", "frab-json", "ical"):
                    self.probes.append((f"pretalx {name} {size}", self.pretalx, f"{name}-bc{size}"))

    def close(self):
        for process in (self.ours, self.floor, self.pretalx):
            if process:
                process.close()


def figure(result, label):
    return median_of_medians(result["medians"][label]) if label in result["medians"] else None


GOALS = [
    # (goal, measure)
    ("schedule page, nothing cached, 400: ≥ 5× faster than pretalx's /schedule/nojs, ≤ 12 queries", "page_cold"),
    ("schedule page, warm, 400: ≤ 1.5× the floor", "page_warm"),
    ("frab XML, 400: ≥ 10× faster than pretalx cold, ≥ 50× warm", "frab-xml"),
    ("c3voc JSON, 400: ≥ 10× faster than pretalx's frab JSON cold, ≥ 50× warm", "c3voc-json"),
    ("iCal, 400: ≥ 10× faster than pretalx cold, ≥ 50× warm", "ical"),
]
PRETALX_FOR = {"frab-xml": "frab-xml", "c3voc-json": "frab-json", "ical": "ical"}


def goal_lines(result):
    """(goal, met: True/False/None, what was measured) for the side-by-side goals."""
    lines = []
    page_cold = figure(result, "ours page 400 cold")
    nojs = figure(result, "pretalx nojs 400")
    cold_queries = result["queries"]["ours page 400 cold"]
    if nojs:
        speedup = nojs / page_cold
        met = speedup >= 5 and cold_queries <= 12
        lines.append((GOALS[0][0], met, f"{speedup:.1f}× ({page_cold:.1f} vs {nojs:.1f} ms), {cold_queries} queries"))
    else:
        lines.append((GOALS[0][0], None, f"{page_cold:.1f} ms, {cold_queries} queries; pretalx not measured"))
    warm, floor = figure(result, "ours page 400 warm"), figure(result, "floor 400")
    lines.append((GOALS[1][0], warm / floor <= 1.5, f"{warm / floor:.2f}× the floor ({warm:.1f} vs {floor:.1f} ms)"))
    for (goal, identifier), pretalx_name in zip(GOALS[2:], PRETALX_FOR.values(), strict=True):
        cold = figure(result, f"ours {identifier} 400 cold")
        warm = figure(result, f"ours {identifier} 400 warm")
        theirs = figure(result, f"pretalx {pretalx_name} 400")
        if theirs:
            met = theirs / cold >= 10 and theirs / warm >= 50
            text = f"{theirs / cold:.1f}× cold, {theirs / warm:.0f}× warm ({cold:.1f} / {warm:.2f} vs {theirs:.0f} ms)"
            lines.append((goal, met, text))
        else:
            lines.append((goal, None, f"{cold:.1f} ms cold, {warm:.2f} ms warm; pretalx not measured"))
    return lines


def report(result):
    out = []
    versions = result["setup"]["ours"]["versions"]
    out.append(
        f"Ours and floor: Python {versions['python']}, Django {versions['django']}, Wagtail {versions['wagtail']}, "
        f"SQLite {versions['sqlite']}."
    )
    if "pretalx" in result["setup"]:
        theirs = result["setup"]["pretalx"]["versions"]
        out.append(f"pretalx {theirs['pretalx']}: Python {theirs['python']}, Django {theirs['django']}.")
    for size, check in result["floor_check"].items():
        same = "the same bytes" if check["identical"] else "NOT the same bytes"
        out.append(f"Floor {size}: our page's HTML ({check['bytes']:,} bytes) served at the same path: {same}.")
    loads = "; ".join(
        f"run {number}: machine {load['busy_pct']} % busy, others {load['others_pct']} %, steal {load['steal_pct']} %,"
        f" load average {load['loadavg']}"
        for number, load in enumerate(result["loads"], start=1)
    )
    out.append(f"Load while measuring ({result['runs']} runs × {result['rounds']} rounds): {loads}.")
    out.append("")
    out.append("| probe | median of run medians, ms | run medians, ms | SQL queries |")
    out.append("| --- | ---: | --- | ---: |")
    for label, runs in result["medians"].items():
        run_text = " / ".join(f"{value:.1f}" for value in runs)
        out.append(f"| {label} | {median_of_medians(runs):.2f} | {run_text} | {result['queries'][label]} |")
    out.append("")
    scaling = result["scaling"]
    out.append("Scaling (ms, queries): " + ", ".join(f"{size} sessions" for size in scaling["sizes"]))
    out.append("")
    out.append("| " + " | ".join(["probe", *(str(size) for size in scaling["sizes"])]) + " |")
    out.append("| --- |" + " ---: |" * len(scaling["sizes"]))
    for kind in ("page", "frab-xml", "c3voc-json", "ical"):
        for state in ("cold", "warm"):
            cells = []
            for size in scaling["sizes"]:
                label = f"{kind} {size} {state}"
                cells.append(f"{median_of_medians(scaling['medians'][label]):.1f} ms, {scaling['queries'][label]} q")
            out.append(f"| {kind} {state} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def scaling_is_flat(result):
    """Whether each probe's query count is the same at every size."""
    queries = result["scaling"]["queries"]
    for kind in ("page", "frab-xml", "c3voc-json", "ical"):
        for state in ("cold", "warm"):
            if len({queries[f"{kind} {size} {state}"] for size in result["scaling"]["sizes"]}) != 1:
                return False
    return True


if __name__ == "__main__":
    main()
