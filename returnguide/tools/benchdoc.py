"""What the benchmarks share: the machine they ran on, and writing their sections into
BENCHMARKS.md (the page-weight and the build benchmark each replace their own)."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

PAGES_START = "<!-- bench:pages:start -->"  # the page-weight section; the build section goes before it


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), platform.processor())
    memory = next((int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} cores, {memory} MB RAM, {platform.system()} {platform.release()}"


def write_section(out: Path, section: str, start: str, end: str, before: str | None = None) -> None:
    """Put a section (from its start marker to its end marker) into out: in place of the one
    written before, else in front of the marker `before` (if out has it), else at the end."""
    text = out.read_text(encoding="utf-8") if out.is_file() else "# Benchmarks\n\nWritten by `make bench`; each section is replaced when it runs again.\n"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S)
    elif before and before in text:
        at = text.index(before)
        text = text[:at] + section + "\n\n" + text[at:]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    out.write_text(text, encoding="utf-8")
