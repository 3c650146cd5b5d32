"""Time the grid proposal: python benchmarks/allocation.py

Prints (or with --json, gives as JSON), for 100 and 400 proposals on 12 rooms × 10 slots, the median time of 5 runs,
the peak memory and how many sessions were placed.
"""

import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from barcamp_wagtail.allocation import Candidate, RoomSpec, propose_grid  # noqa: E402

TOPICS = ["Digitalisierung", "Nachhaltigkeit", "Persönliche Entwicklung", "Regionalentwicklung", "Arbeitswelt"]


def scenario(proposals, rooms=12, slots=10, seed=2026):
    rng = random.Random(seed)
    hosts = [f"Host {n}" for n in range(proposals // 2)]
    candidates = [
        Candidate(
            key=n,
            title=f"Session {n}",
            interest=rng.randint(0, 60),
            hosts=frozenset(rng.sample(hosts, rng.choice([1, 1, 2]))),
            topics=frozenset(rng.sample(TOPICS, rng.choice([1, 2]))),
        )
        for n in range(proposals)
    ]
    room_specs = [RoomSpec(key=n, name=f"Room {n}", capacity=rng.choice([8, 12, 16, 25, 40])) for n in range(rooms)]
    return candidates, room_specs, list(range(slots))


def main():
    as_json = "--json" in sys.argv[1:]
    rows = []
    if not as_json:
        print(
            f"{'proposals':>9} {'rooms':>5} {'slots':>5} {'median ms':>10} {'peak KiB':>9} {'placed':>6} {'notes':>5}"
        )
    for proposals in (100, 400):
        candidates, rooms, slots = scenario(proposals)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            allocation = propose_grid(candidates, rooms, slots)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        propose_grid(candidates, rooms, slots)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append(
            {
                "sessions": proposals,
                "rooms": len(rooms),
                "slots": len(slots),
                "median_ms": round(statistics.median(times) * 1000, 1),
                "peak_kib": round(peak / 1024),
                "placed": len(allocation.placements),
            }
        )
        if as_json:
            continue
        print(
            f"{proposals:>9} {len(rooms):>5} {len(slots):>5} {statistics.median(times) * 1000:>10.1f}"
            f" {peak / 1024:>9.0f} {len(allocation.placements):>6} {len(allocation.notes):>5}"
        )
    if as_json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
