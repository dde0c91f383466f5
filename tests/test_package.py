"""The package as pip installs it: every layer is in the wheel, the MkDocs plugin is registered,
and the code reads no file of the project through its own location (paths are passed in)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.mark.slow  # builds a wheel with pip (3 s)
def test_wheel_holds_every_subpackage_and_registers_the_plugin(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("returnguide-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "returnguide").rglob("*.py")}
    assert sources - names == set()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert re.search(r"\[mkdocs\.plugins\]\s*\nreturnguide = returnguide\.site\.plugin:ReturnGuidePlugin", text), text


def test_no_module_finds_project_files_through_its_own_location():
    for path in (ROOT / "returnguide").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"__file__\)?\.resolve\(\)\.parent\.parent", text), \
            f"{path.relative_to(ROOT)}: reaches outside the package; take the project folder as a parameter"
