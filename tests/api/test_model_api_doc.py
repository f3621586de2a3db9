"""docs/MODEL_API.md's script examples run as written (every python block, in order)."""

import re
import shutil
from pathlib import Path

from nnsim.paths import resource

DOC = Path(__file__).resolve().parents[2] / "docs" / "MODEL_API.md"


def blocks() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Scripts with your own data", 1)[1]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_examples_run_as_written(tmp_path, monkeypatch, capsys):
    code = blocks()
    assert len(code) == 4
    shutil.copy(resource("datasets", "watermelon", "watermelon3.0.csv"), tmp_path / "melons.csv")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for k, block in enumerate(code):
        exec(compile(block, f"MODEL_API.md block {k + 1}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "[2, 3, 1]" in out
    assert "binary ['否', '是']" in out
    assert "['色泽=青绿', '色泽=乌黑', '色泽=浅白', '密度', '含糖率']" in out
    assert "色泽: category → 色泽=青绿, 色泽=乌黑, 色泽=浅白 (one-hot)" in out
    assert (tmp_path / "melons.nnsim").exists()
    report = namespace["report"]
    assert report.val_accuracy is not None and 0.0 <= report.val_accuracy <= 1.0
