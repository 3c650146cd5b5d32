"""All benchmarks in one table: python benchmarks/run.py (or make benchmark)

    python benchmarks/run.py [--quick] [--progress]

Runs each benchmark script of this folder in its own process (each builds its own throwaway
database) and prints the machine and one Markdown table with a column for 100 and for 400
sessions, ready for the README. --quick makes fewer requests and submissions, for a smoke test;
--progress (what ``make benchmark`` passes) tells on stderr which script runs and for how long.
"""

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (100, 400)


# --progress: say on stderr which script runs, every HEARTBEAT seconds that it still does, and how long it took.
PROGRESS = {"on": False, "done": 0}
SCRIPTS = 4
HEARTBEAT = 15


def run(script, *args, as_json=True):
    """Run ``script`` (with --json: return its rows, else its output); None when it does not exist."""
    path = HERE / script
    if not path.exists():
        return None
    started = time.perf_counter()
    PROGRESS["done"] += 1
    say(f"[{PROGRESS['done']}/{SCRIPTS}] {script} …")
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and scripts)
        [sys.executable, str(path), *(["--json"] if as_json else []), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while True:
        try:
            stdout, stderr = process.communicate(timeout=HEARTBEAT)
            break
        except subprocess.TimeoutExpired:
            say(f"      {script} still running ({time.perf_counter() - started:.0f} s)")
    say(f"      {script} done in {time.perf_counter() - started:.0f} s")
    if process.returncode:
        sys.stderr.write(stdout + stderr)
        raise SystemExit(f"{script} failed")
    if not as_json:
        return stdout
    return json.loads(stdout.strip().splitlines()[-1])


def say(line):
    if PROGRESS["on"]:
        print(line, file=sys.stderr, flush=True)


def by_size(rows, **match):
    return {row["sessions"]: row for row in rows if all(row.get(key) == value for key, value in match.items())}


def machine():
    import django
    import wagtail

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.__version__}, Wagtail {wagtail.__version__}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests and submissions")
    parser.add_argument("--progress", action="store_true", help="report each script's progress on stderr")
    args = parser.parse_args()
    PROGRESS["on"] = args.progress
    requests = ["--requests", "5"] if args.quick else []
    submissions = ["--submissions", "60", "--seconds", "20"] if args.quick else []

    started = time.perf_counter()
    table = []

    def row(name, cells):
        table.append((name, [cells.get(size, "–") for size in SIZES]))

    schedule = run("schedule_page.py", *requests)
    for page in ("schedule page, cold cache", "schedule page, warm cache", "plain page, same HTML"):
        rows = by_size(schedule, page=page)
        row(
            f"{page}: median ms, SQL queries",
            {size: f"{r['median_ms']:.1f} ms, {r['queries']} queries" for size, r in rows.items()},
        )

    allocation = by_size(run("allocation.py"))
    row(
        "grid proposal (12 rooms × 10 slots): median ms, placed",
        {size: f"{r['median_ms']:.1f} ms, {r['placed']} placed" for size, r in allocation.items()},
    )

    # The exports' own table (cold and cached PDF, WeasyPrint's time, every other format)
    # has more columns than fit here: it follows the table.
    exports = run("exports.py", *(str(size) for size in SIZES), as_json=False)
    if exports is None:
        table.append(("exports", ["not in this version", "not in this version"]))
    else:
        table.append(("exports (PDF cold/cached, WeasyPrint, other formats)", ["see below", "see below"]))

    form = run("proposal_form.py", *submissions)
    workers, clients = form[0]["workers"], form[0]["clients"]
    form = by_size(form)
    row(
        f"proposal form, gunicorn {workers} workers, {clients} clients: submissions/s (HTTP requests/s)",
        {size: f"{r['submissions_per_second']} ({r['requests_per_second']})" for size, r in form.items()},
    )
    row(
        "proposal form: sending latency p50 / p95 / p99 ms",
        {size: f"{r['p50_ms']:.0f} / {r['p95_ms']:.0f} / {r['p99_ms']:.0f}" for size, r in form.items()},
    )
    row(
        "proposal form: sent, thanked, stored rows, lost",
        {size: f"{r['submissions']}, {r['ok']}, {r['stored']}, {r['lost']}" for size, r in form.items()},
    )

    print(f"Machine: {machine()}")
    print()
    print("| benchmark | " + " | ".join(f"{size} sessions" for size in SIZES) + " |")
    print("| --- | " + " | ".join("---" for _ in SIZES) + " |")
    for name, cells in table:
        print(f"| {name} | " + " | ".join(cells) + " |")
    if exports:
        print()
        print("Exports (benchmarks/exports.py):")
        print()
        print("```")
        print(exports.rstrip())
        print("```")
    print()
    print(f"({time.perf_counter() - started:.0f} s{', --quick' if args.quick else ''})")
    if any(r["lost"] or r["failed"] for r in form.values()):
        raise SystemExit("Proposal submissions failed or were lost.")


if __name__ == "__main__":
    main()
