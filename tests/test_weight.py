"""What the built site sends a phone: precompressed text, no debugging weight, our own
search index per language instead of Material's shared one."""

from __future__ import annotations

import gzip
import json

import brotli

from returnguide.model.languages import LANGUAGES
from returnguide.site.optimise import MIN_BYTES, TEXT


def test_every_text_file_has_precompressed_copies_of_the_same_bytes(built_site):
    files = [p for p in built_site.rglob("*") if p.suffix in TEXT and p.is_file() and p.stat().st_size >= MIN_BYTES]
    assert len(files) > 300
    for path in files:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def test_no_source_maps_no_materials_shared_search_index(built_site):
    assert not list(built_site.rglob("*.map"))
    assert not [p for p in (built_site / "assets").rglob("*.js") if "sourceMappingURL" in p.read_text(encoding="utf-8")]
    assert not (built_site / "search" / "search_index.json").exists()
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    for code in LANGUAGES:
        index = json.loads((built_site / "search" / f"{code}.json").read_text(encoding="utf-8"))["pages"]
        prefix = "" if code == "de" else f"{code}/"
        assert index and all(entry["u"].startswith(prefix) for entry in index)
        if code == "de":
            assert not [e for e in index if e["u"].split("/")[0] in ("en", "ar", "fa")]

