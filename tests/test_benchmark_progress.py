"""``make benchmark`` (benchmarks/run.py) says which script runs and that it still does."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_runner():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("benchmark_runner", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runner_reports_progress_on_stderr_and_keeps_stdout_for_the_results(tmp_path, capsys):
    runner = load_runner()
    (tmp_path / "slow.py").write_text(
        "import json, sys, time\ntime.sleep(1.2)\nprint(json.dumps([{'sessions': 100, 'ok': sys.argv[1:]}]))\n"
    )
    runner.HERE, runner.HEARTBEAT = tmp_path, 0.4

    rows = runner.run_json("slow.py", "--quick")

    captured = capsys.readouterr()
    assert rows == [{"sessions": 100, "ok": ["--json", "--quick"]}]
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert any("slow.py still running" in line for line in lines[:-1])
    assert lines[-1].startswith("      slow.py done in ")


def test_a_failing_script_stops_the_run_with_its_name(tmp_path):
    runner = load_runner()
    (tmp_path / "broken.py").write_text("raise SystemExit(3)\n")
    runner.HERE = tmp_path

    try:
        runner.run_json("broken.py")
    except SystemExit as stop:
        assert str(stop) == "broken.py failed"
    else:
        raise AssertionError("no stop")
