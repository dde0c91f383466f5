"""The one stylesheet: only the rules the pages use, and PurgeCSS + lightningcss (seconds) run only
when something they read changed; otherwise the result comes from the build's cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from returnguide.site import stylesheet


def small_site(folder: Path, used_class: str) -> Path:
    (folder / "assets" / "stylesheets").mkdir(parents=True)
    (folder / "assets" / "javascripts").mkdir(parents=True)
    (folder / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(
        ".md-used{color:red}.md-unused{color:blue}.rg-late{margin:0}", encoding="utf-8")
    (folder / stylesheet.OURS).write_text(".rg-card { padding: 1rem }\n.rg-never { padding: 2rem }\n", encoding="utf-8")
    (folder / "assets" / "javascripts" / "late.js").write_text("el.classList.add('rg-late');\n", encoding="utf-8")
    (folder / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css"></head>'
        f'<body><p class="{used_class} rg-card">x</p></body></html>', encoding="utf-8")
    return folder


@pytest.mark.slow  # runs PurgeCSS and lightningcss (node)
def test_unused_rules_go_and_an_unchanged_site_takes_the_result_from_the_cache(tmp_path):
    cache, said = tmp_path / "cache", []
    first = small_site(tmp_path / "one", "md-used")
    stylesheet.write(first, ROOT, cache, log=said.append)
    css = (first / stylesheet.OURS).read_text(encoding="utf-8")
    assert ".md-used" in css and ".rg-card" in css and ".rg-late" in css  # a page's, ours, a script's
    assert ".md-unused" not in css and ".rg-never" not in css
    assert "main.0123abcd" not in (first / "index.html").read_text(encoding="utf-8")
    assert not (first / "assets" / "stylesheets" / "main.0123abcd.min.css").exists()
    assert "from the cache" not in said[-1]

    again = small_site(tmp_path / "two", "md-used")
    stylesheet.write(again, ROOT, cache, log=said.append)
    assert "from the cache" in said[-1]
    assert (again / stylesheet.OURS).read_bytes() == (first / stylesheet.OURS).read_bytes()

    changed = small_site(tmp_path / "three", "md-unused")  # a page uses another class: purged anew
    stylesheet.write(changed, ROOT, cache, log=said.append)
    assert "from the cache" not in said[-1]
    assert ".md-unused" in (changed / stylesheet.OURS).read_text(encoding="utf-8")
