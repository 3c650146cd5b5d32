"""Every benchmark, then one line per goal: python benchmarks/run.py (or make benchmark)

    python benchmarks/run.py [--quick] [--json FILE]

1. side_by_side.py: the schedule page and the frab, c3voc and iCal exports against the floor
   and pretalx, interleaved, three runs (median of the runs' medians), and the scaling from
   10 to 1000 sessions;
2. memory.py: one worker's peak memory with 1000 sessions, and its growth over 10,000 requests;
3. proposal_form.py: the proposal form under gunicorn (2 sync workers, 20 clients, SQLite);
4. exports.py: the PDFs against WeasyPrint alone, cached, 20 requests at once;
5. allocation.py: the grid proposal;
6. registration.py: the participants' registration under gunicorn (open + send, and the POST alone),
   its mails sent by a task worker, seats and waiting list;
7. badges.py: the name badges of 100 and 400 participants as PDF (100 with --quick).

Progress goes to stderr; the tables and the goals (met or not) to stdout. ``--quick`` makes
fewer rounds and requests, for a smoke test (its figures prove nothing). The machine is
shared: the side-by-side part waits for a quiet machine and prints the load it measured under.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import side_by_side  # noqa: E402

# Every HEARTBEAT seconds a running script is said to still run: some take minutes.
HEARTBEAT = 15


def progress(message):
    print(message, file=sys.stderr, flush=True)


def run_json(script, *args):
    """Run a benchmark script with --json (its own progress shows on stderr); its parsed output."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and scripts)
        [sys.executable, str(HERE / script), "--json", *args], stdout=subprocess.PIPE, text=True
    )
    while True:
        try:
            stdout, _stderr = process.communicate(timeout=HEARTBEAT)
            break
        except subprocess.TimeoutExpired:
            progress(f"      {script} still running ({time.perf_counter() - started:.0f} s)")
    progress(f"      {script} done in {time.perf_counter() - started:.0f} s")
    if process.returncode:
        raise SystemExit(f"{script} failed")
    return json.loads(stdout.strip().splitlines()[-1])


def machine():
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = names[0] if names else cpu
    system = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        fields = dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
        system = f"{fields.get('PRETTY_NAME', system).strip(chr(34))}, kernel {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}"


def goals(results):
    """(goal, met, measured) for every goal."""
    lines = side_by_side.goal_lines(results["side_by_side"])
    flat = side_by_side.scaling_is_flat(results["side_by_side"])
    scaling = results["side_by_side"]["scaling"]
    sizes = "/".join(str(size) for size in scaling["sizes"])
    first = scaling["sizes"][0]
    counts = ", ".join(
        f"{kind} {scaling['queries'][f'{kind} {first} cold']}" for kind in ("page", "frab-xml", "c3voc-json", "ical")
    )
    lines.append((f"queries constant from {sizes} sessions", flat, f"cold: {counts} queries at every size"))

    form = results["proposal_form"]
    send = min(row["per_second"] for row in form if row["mode"] == "send")
    both = min(row["per_second"] for row in form if row["mode"] == "open + send")
    lost = sum(row["lost"] + row["failed"] for row in form)
    lines.append(
        (
            "proposal form (gunicorn, 2 sync workers, 20 clients, SQLite): ≥ 100 POST/s, ≥ 50 open + send/s, 0 lost",
            send >= 100 and both >= 50 and lost == 0,
            f"{send} POST/s, {both} open + send/s (the slower of 100 and 400 sessions), {lost} lost or failed",
        )
    )

    pdfs = results["pdf"]
    worst = max(row["cold_per_weasyprint"] for row in pdfs)
    cached = max(row["cached_ms"] for row in pdfs)
    renders = {row["concurrent_renders"] for row in pdfs}
    answered = min(row["concurrent_ok"] for row in pdfs)
    lines.append(
        (
            "PDF, 400: cold ≤ 1.10× WeasyPrint alone, cached ≤ 20 ms, 20 requests at once render once",
            worst <= 1.10 and cached <= 20 and renders == {1} and answered == 20,
            f"cold ≤ {worst:.2f}× WeasyPrint, cached ≤ {cached:.1f} ms, "
            f"renders {sorted(renders)}, {answered}/20 answered",
        )
    )
    proposal = next(row for row in results["allocation"] if row["sessions"] == 400)
    lines.append(
        (
            "grid proposal 400 × 12 rooms × 10 slots: ≤ 5 ms",
            proposal["median_ms"] <= 5,
            f"{proposal['median_ms']} ms, {proposal['placed']} placed",
        )
    )
    registration = results["registration"]
    rates = {row["mode"]: row["per_second"] for row in registration["runs"]}
    lost = sum(row["lost"] + row["failed"] for row in registration["runs"])
    mails = registration["mails"]
    lines.append(
        (
            "registration (gunicorn, 2 sync workers, 20 clients, SQLite, mail by a db_worker): ≥ 100 POST/s, "
            "0 lost, one mail each, seats then waiting list in order",
            rates["send"] >= 100
            and lost == 0
            and mails["mailed_once"] == registration["stored"]
            and mails["mails"] == registration["stored"]
            and registration["queue_in_order"],
            f"{rates['send']} POST/s (forms opened first), {rates['open + send']} open + send/s, "
            f"{lost} lost or failed, {mails['mails']} mails for {registration['stored']} registrations, "
            f"{registration['seated']} seated + {registration['waiting']} waiting, "
            f"in order: {registration['queue_in_order']}",
        )
    )
    memory = results["memory"]
    lines.append(
        (
            f"memory, one worker, {memory['size']} sessions: no growth over {memory['requests']:,} requests",
            memory["growth_mib"] <= memory["leak_limit_mib"],
            f"peak {memory['peak_mib']} MiB; {memory['settled_mib']} → {memory['final_mib']} MiB",
        )
    )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and requests (a smoke test)")
    parser.add_argument("--json", help="also write every result to this file")
    parser.add_argument("--progress", action="store_true", help="(progress always goes to stderr)")
    args = parser.parse_args()
    started = time.perf_counter()
    quick = args.quick
    results = {"when": datetime.datetime.now().isoformat(timespec="minutes"), "machine": machine()}

    progress("[1/7] Side by side with the floor and pretalx ...")
    side_args = ["--runs", "1", "--rounds", "2", "--warmup", "1"] if quick else []
    results["side_by_side"] = side_by_side.measure(side_by_side.parse_args(side_args))
    progress("[2/7] Memory of one worker ...")
    results["memory"] = run_json("memory.py", "--requests", "1000" if quick else "10000")
    progress("[3/7] The proposal form under load ...")
    results["proposal_form"] = run_json("proposal_form.py", *(["--submissions", "40"] if quick else []))
    progress("[4/7] PDF exports ...")
    results["pdf"] = run_json("exports.py", "--size", "100" if quick else "400")
    progress("[5/7] Grid proposal ...")
    results["allocation"] = run_json("allocation.py")
    progress("[6/7] Registration under load ...")
    results["registration"] = run_json(
        "registration.py", *(["--registrations", "60", "--seconds", "20"] if quick else [])
    )
    progress("[7/7] Badge PDFs ...")
    results["badges"] = run_json("badges.py", *(["100"] if quick else ["100", "400"]))
    results["seconds"] = round(time.perf_counter() - started)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))

    print(f"Run on {results['when']}. Machine: {results['machine']}.")
    print(side_by_side.report(results["side_by_side"]))
    print()
    print(memory_report(results["memory"]))
    print()
    print(form_report(results["proposal_form"]))
    print()
    print(pdf_report(results["pdf"]))
    print()
    print(badge_report(results["badges"]))
    print()
    print("Goals:")
    for goal, met, measured in goals(results):
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[met]
        print(f"- {verdict}: {goal} — {measured}")
    print(f"\n({results['seconds']} s{', --quick: the figures prove nothing' if quick else ''})")


def badge_report(rows):
    lines = ["| badge PDF | participants | seconds | of which WeasyPrint |", "| --- | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(f"| {row['layout']} | {row['participants']} | {row['seconds']} | {row['weasyprint_seconds']} |")
    return "\n".join(lines)


def memory_report(memory):
    import memory as memory_benchmark

    return memory_benchmark.report(memory)


def form_report(rows):
    lines = [
        "| proposal form | sessions | sent | thanked | stored | lost | per second | p50 / p95 / p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row['mode']} | {row['sessions']} | {row['submissions']} | {row['ok']} | {row['stored']} | "
            f"{row['lost']} | {row['per_second']} | {row['p50_ms']:.0f} / {row['p95_ms']:.0f} / {row['p99_ms']:.0f} |"
        )
    return "\n".join(lines)


def pdf_report(rows):
    import exports

    return exports.report(rows)


if __name__ == "__main__":
    main()
