"""The build benchmark: its synthetic content passes the real check, and its table says
what was measured. No build runs here (too slow) and nothing is timed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, TODAY, run_cli
from returnguide.model import validators
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES
from returnguide.tools import bench, buildbench


@pytest.mark.slow  # checks whole synthetic projects (8 s for 3 copies, 50 s for 150)
@pytest.mark.parametrize("count", [3, pytest.param(150, marks=pytest.mark.long)])  # 150: the largest default size (20 s); codes on a programme list are not used
def test_synthetic_content_passes_the_check_with_its_own_fact_sheets(tmp_path, count):
    tree = buildbench.synthesize(tmp_path / "project", count, project=ROOT)
    result = run_cli("check", "--today", TODAY, cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr

    real = {p.name for p in (ROOT / "docs" / "de" / "countries").glob("*.md")}
    # copies in every language the real sheets are translated into (elsewhere German stands in)
    translated = [lang for lang in LANGUAGES if any((ROOT / "docs" / lang / "countries").glob("*.md"))]
    for lang in LANGUAGES:
        sheets = {p.name for p in (tree / "docs" / lang / "countries").glob("*.md")}
        assert len(sheets) == (count if lang in translated else 0) and not sheets & real, (lang, sheets)
    model = load_model(tree / "docs")
    sheets = [p for p in model.sources() if p.type == "country"]
    codes = [p.meta.country for p in sheets]
    assert len(set(codes)) == count and set(codes) <= validators.COUNTRY_CODES - buildbench.NOT_ASSIGNED
    assert [Path(p.rel_path).stem for p in sheets] == [c.lower() for c in codes]
    titles = {model.page(lang, p.rel_path).meta.title for p in sheets for lang in translated}
    assert len(titles) == count * len(translated) and all("benchmark copy" in t for t in titles)
    assert sorted(v.item for v in model.leaflets if v.definition == "country") == sorted(c.lower() for c in codes for _ in translated)
    # the real project is not touched
    assert not (ROOT / "docs" / "de" / "countries" / f"{codes[0].lower()}.md").exists()


def test_plain_config_drops_our_plugin_and_overrides_only(tmp_path):
    plain = buildbench.plain_config(ROOT, tmp_path / "plain.yml").read_text(encoding="utf-8")
    original = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- returnguide" not in plain and "custom_dir" not in plain
    assert f"docs_dir: {ROOT / 'docs'}" in plain
    assert "- i18n:" in plain and "name: material" in plain
    removed = [l for l in original.splitlines() if l not in plain.splitlines()]
    assert sorted(removed) == ["  - returnguide", "  custom_dir: overrides", "docs_dir: docs"], removed


def test_build_section_goes_before_the_pages_section_and_is_replaced_later(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text(f"# Benchmarks\n\n{bench.START}\npages\n{bench.END}\n\n## History\n", encoding="utf-8")
    for figure in ("first", "second"):
        bench.write_section(out, f"{buildbench.START}\n{figure}\n{buildbench.END}", buildbench.START, buildbench.END, before=bench.START)
    assert out.read_text(encoding="utf-8") == (f"# Benchmarks\n\n{buildbench.START}\nsecond\n{buildbench.END}\n\n"
                                               f"{bench.START}\npages\n{bench.END}\n\n## History\n")


def record(content, countries, pages, cold, unchanged=4.0, site=8.0, plain=2.0, strict=True):
    return buildbench.Measurement(content=content, countries=countries, pages=pages, leaflets=80, cold_s=cold,
                                  site_part_s=site, unchanged_s=unchanged, peak_mb=151.6, plain_s=plain,
                                  plain_peak_mb=42.2, leaflet_run_s=10.0, leaflet_run_count=80, plain_strict=strict)


def test_table_and_goals_show_the_measurements():
    records = [record("real content", None, 140, 47.64, unchanged=5.5),
               record("10 synthetic fact sheets", 10, 144, 30.0),
               record("50 synthetic fact sheets", 50, 304, 62.0, strict=False),
               record("200 synthetic fact sheets", 200, 904, 182.0, unchanged=12.0, plain=100.0, site=60.0)]
    table = buildbench.table(records)
    assert "| real content | 140 | 80 | 47.6 | 5.5 | 8.0 | 152 | 2.0 | 42 | 2.75× | 4.00× | 8.0 |" in table
    assert "| 50 synthetic fact sheets | 304 | 80 | 62.0 | 4.0 | 8.0 | 152 | 2.0* | 42 |" in table
    assert "without `--strict`" in table
    goals = "\n".join(buildbench.goals(records))
    assert "cold build under 60 s: 47.6 s — met." in goals
    assert "nothing changed, under 10 s: 5.5 s — met." in goals
    # 10 -> 50: 32 s for 160 pages (0.200 s each); 50 -> 200: 120 s for 600 pages (0.200 s each)
    assert "0.208 s per page at 144 pages, 0.201 s at 904 (ratio 0.97)" in goals
    assert "last step / first step 1.00, linear if ≤ 1.2) — met." in goals
    assert "judged on the site part of the unchanged build: 0.60–4.00× — **not met**." in goals
    assert "The whole unchanged build (start-up, loading and checking the content, looking up the leaflets) is 0.12–2.75× — **not met**." in goals
    section = buildbench.section(records, load=1.5)
    assert section.startswith(buildbench.START) and section.endswith(buildbench.END)


def test_goals_say_what_they_cannot_judge():
    goals = "\n".join(buildbench.goals([record("3 synthetic fact sheets", 3, 116, 20.0)]))
    assert "not judged (needs at least two synthetic sizes)" in goals
    assert "Real content" not in goals
    assert "unchanged build: 4.00× — **not met**. The whole unchanged build" in goals
