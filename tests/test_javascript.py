"""Our JavaScript as the browser runs it, outside the browser: ESLint finds nothing, and the
folding and counting of overrides/assets/javascripts/text.js (search.js and finder.js use it)
give what the Python that writes their indexes and the checks gives for the same input."""

from __future__ import annotations

import csv
import json
import subprocess

import pytest

from conftest import ROOT
from returnguide.model import places, text
from returnguide.model.languages import LANGUAGES
from returnguide.site.finder import plural_forms

ESLINT = ROOT / "node_modules" / ".bin" / "eslint"
TEXT_CLI = ROOT / "tests" / "js" / "text-cli.mjs"

# What people type and what pages hold, at the edges of the rules: Turkish İ/I/ı, ё, Arabic
# harakat, hamza, tatweel and alef forms, Persian yeh/kaf, every kind of digit, joiners and bidi
# controls, umlauts typed three ways, "Sankt"/"St.", and white space of every kind.
EDGES = [
    "İRAN", "Iran", "ıran", "İstanbul'da", "Türkiye'ye", "DÖNÜŞÜ", "I\u0307", "ёлка Ёж", "возвращениями",
    "العَوْدَة", "إعادة", "أفغانستان", "آذربايجان", "ٱلْعَوْدَة", "مـــدرسة", "كيف", "يمكنني", "مدرسة",
    "بازگشت\u200cداوطلبانه", "کشور", "١٢٣ ۴۵۶ 789", "\u2067Bad Dürkheim\u2069", "Straße", "Strasse",
    "Müller", "Mueller", "Muller", "St. Goar", "Sankt Goar", "Ludwigshafen am Rhein", "Trier-Nord",
    "  two\tspaces\nand\u00a0nbsp  ", "Café", "naïve", "Ærø", "ǅemal", "ﬁx", "REAG/GARP", "StarthilfePlus",
    "Трир", "ترير", "", " ",
]


def _content_lines() -> list[str]:
    lines = {line.strip() for path in sorted((ROOT / "docs").rglob("*.md"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    with (ROOT / "materials" / places.DATA).open(encoding="utf-8", newline="") as f:
        lines |= {row["ort"] for row in csv.DictReader(f)}
    return sorted(lines)


def _javascript(request: dict) -> dict:
    result = subprocess.run(["node", str(TEXT_CLI)], input=json.dumps(request), capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _counts(lang, number) -> tuple[str, str]:
    """The two counts the scripts write, as Python writes them for the same number."""
    return (lang.n("{count} passende Seite", "{count} passende Seiten", number),
            lang.n("{count} Treffer", "{count} Treffer", number))


@pytest.mark.slow  # Node over ~10,000 lines and every place name (12 s): the full suite runs it
def test_javascript_and_python_fold_count_alike():
    strings = EDGES + _content_lines()
    numbers = list(range(0, 250)) + [1001, 1011, 2021, 100000]
    languages = [{"tag": lang.tag, "stemmer": lang.stemmer, "digits": lang.digits,
                  "forms": {"search": plural_forms(lang, lambda n, lang=lang: _counts(lang, n)[0]),
                            "finder": plural_forms(lang, lambda n, lang=lang: _counts(lang, n)[1])}}
                 for lang in LANGUAGES.values()]
    js = _javascript({"table": text.table(), "rules": places.PLACE_RULES, "strings": strings,
                      "languages": languages, "numbers": numbers})

    def differ(python, browser):
        return [(s, p, b) for s, p, b in zip(strings, python, browser, strict=True) if p != b][:10]

    assert len(strings) > 5000
    assert not differ([text.fold(s) for s in strings], js["fold"])
    assert not differ([places.fold_place(s) for s in strings], js["place"])
    for lang in LANGUAGES.values():
        assert not differ([text.search_key(s, lang) for s in strings], js["search"][lang.tag]), lang.code
        for which, index in (("search", 0), ("finder", 1)):
            python = [_counts(lang, n)[index] for n in numbers]
            wrong = [(n, p, b) for n, p, b in zip(numbers, python, js["count"][lang.tag][which], strict=True) if p != b]
            assert not wrong, (lang.code, which, wrong[:5])
    # a name in the reader's script keeps its letters; punctuation is a space
    names = dict(zip(strings, js["name"], strict=True))
    assert names["Трир"] == "трир" and names["ترير"] == text.fold("ترير") == "تریر" and names["Trier-Nord"] == "trier nord"
    assert names["العَوْدَة"] == text.fold("العَوْدَة") == "العوده"


def test_the_folding_is_not_trivially_equal():
    """The comparison above would pass if both sides returned their input: they do not."""
    js = _javascript({"table": text.table(), "rules": places.PLACE_RULES, "strings": ["İRAN", "Bad Dürkheim", "كيف"],
                      "languages": [], "numbers": []})
    assert js["fold"] == ["iran", "bad durkheim", "کیف"]
    assert js["place"] == ["iran", "bad durkheim", ""]


@pytest.mark.slow  # ESLint in Node (3 s)
@pytest.mark.skipif(not ESLINT.exists(), reason="never: make setup installs ESLint (package.json)")
def test_eslint_finds_nothing_in_our_javascript():
    result = subprocess.run([str(ESLINT), "--max-warnings", "0", "."], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_eslint_reports_a_mistake():
    """The configuration lints our scripts at all: an undefined name in one is an error."""
    bad = "const shown = 1;\nshow(shwn);\n"
    result = subprocess.run([str(ESLINT), "--stdin", "--stdin-filename", "overrides/assets/javascripts/bad.js"],
                            input=bad, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1 and "'shwn' is not defined" in result.stdout, result.stdout + result.stderr


def test_what_ships_has_no_benchmark_hook():
    for script in (ROOT / "overrides" / "assets" / "javascripts").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        assert "bench" not in source.lower() and "dataset.answered" not in source, script.name
