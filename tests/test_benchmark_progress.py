"""``make benchmark`` (benchmarks/run.py --progress) says which script runs and that it still does."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_runner():
    spec = importlib.util.spec_from_file_location("benchmark_runner", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runner_reports_progress_on_stderr_and_keeps_stdout_for_the_table(tmp_path, capsys):
    runner = load_runner()
    (tmp_path / "slow.py").write_text(
        "import json, sys, time\ntime.sleep(1.2)\nprint(json.dumps([{'sessions': 100, 'ok': sys.argv[1:]}]))\n"
    )
    runner.HERE, runner.HEARTBEAT = tmp_path, 0.4
    runner.PROGRESS["on"] = True

    rows = runner.run("slow.py", "--quick")

    captured = capsys.readouterr()
    assert rows == [{"sessions": 100, "ok": ["--json", "--quick"]}]
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0] == "[1/4] slow.py …"
    assert any("slow.py still running" in line for line in lines[1:-1])
    assert lines[-1].startswith("      slow.py done in ")


def test_without_progress_the_runner_is_silent(tmp_path, capsys):
    runner = load_runner()
    (tmp_path / "quick.py").write_text("print('[]')\n")
    runner.HERE = tmp_path

    assert runner.run("quick.py") == []
    assert capsys.readouterr().err == ""
