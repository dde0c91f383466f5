"""Leaflets, tested from the PDFs themselves (poppler's pdftotext, pdffonts, pdfinfo) and
through the CLI on small fixture trees."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, make_tree, run_cli
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES
from returnguide.model.leaflets import FORMATS
from returnguide.print import pdf as leaflet_pdf
from returnguide.print import render, wording

# ---------------------------------------------------------------- definitions: errors name file and line

BAD_DEFINITIONS = {
    "unknown-page": ("page: programmes/nothing.md", 3, "page 'programmes/nothing.md' does not exist"),
    "missing-section": ("blocks:\n  - section: nowhere", 7, "has no section {#nowhere}"),
    "unknown-location": ("blocks:\n  - contact: hotlien", 7, "unknown location 'hotlien'"),
    "unknown-key": ("colour: red", 8, "unknown key 'colour'"),
    "bad-format": ("formats: [a3]", 5, "'a3' is not one of"),
    "bad-pair": ("languages: [fa+de]", 4, "a pair puts German first"),
}


def definition(**changes: str) -> str:
    lines = {
        "id": "id: programme",
        "target_group": "target_group: general",
        "page": "page: programmes/reag.md",
        "languages": "languages: [de, en]",
        "formats": "formats: [a4]",
        "blocks": "blocks:\n  - lead",
    }
    lines.update(changes)
    return "\n".join(lines.values()) + "\n"


@pytest.mark.parametrize("case", sorted(BAD_DEFINITIONS))
def test_bad_definition_is_reported_with_file_and_line(tmp_path, case):
    text, line, message = BAD_DEFINITIONS[case]
    docs = make_tree(tmp_path)
    key = text.split(":")[0]
    body = definition(**{key: text}) if key in ("page", "blocks", "languages", "formats") else definition() + text + "\n"
    (tmp_path / "materials" / "leaflets" / "programme.yml").write_text(body)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1
    hits = [l for l in result.stdout.splitlines() if "materials/leaflets/programme.yml" in l and message in l]
    assert hits, result.stdout
    assert hits[0].split(":")[1] == str(line), hits[0]


def test_a_leaflet_waits_for_the_translation_of_its_pages(tmp_path):
    """A language the page is published in but not translated into yet (as the site serves it in
    German): a warning with file and line, and no leaflet until the translation comes."""
    docs = make_tree(tmp_path)
    (tmp_path / "materials" / "leaflets" / "programme.yml").write_text(definition(languages="languages: [de, ar, ru]"))
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    for code, name in (("ar", "Arabic"), ("ru", "Russian")):
        assert (f"materials/leaflets/programme.yml:4: warning: languages: {code}: waiting for the {name} translation of "
                f"'programmes/reag.md' (docs/{code}/programmes/reag.md)") in result.stdout, result.stdout
    assert [v.id for v in load_model(docs).leaflets if v.definition == "programme"] == ["programme-de-a4"]


def test_a_leaflet_in_a_language_its_page_is_not_published_in_is_an_error(tmp_path):
    docs = make_tree(tmp_path, "staff-page-in-persian")
    shutil.rmtree(docs / "fa", ignore_errors=True)
    (tmp_path / "materials" / "leaflets" / "programme.yml").write_text(
        definition(page="page: professionals/index.md", languages="languages: [de, fa]"))
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1
    assert ("materials/leaflets/programme.yml:4: error: languages: page 'professionals/index.md' has no Persian translation "
            "(docs/fa/professionals/index.md) and is not published in Persian; drop 'fa' here") in result.stdout, result.stdout


# ---------------------------------------------------------------- the sandbox

# What content cannot carry (the allow-list removes it, make check names it: tests/test_safety.py)
# the sandbox still refuses if a template or stylesheet asks for it: the second line of defence.
SANDBOX_CASES = {
    "http": ("background: url(http://example.org/map.png)", "http://example.org/map.png"),
    "file-elsewhere": ("background: url(file:///etc/hostname)", "file:///etc/hostname"),
}


@pytest.mark.slow  # renders leaflets or builds a site
@pytest.mark.parametrize("case", sorted(SANDBOX_CASES))
def test_sandbox_refuses_what_is_not_the_projects_own(tmp_path, case):
    rule, url = SANDBOX_CASES[case]
    project = tmp_path / "project"
    docs = make_tree(project)
    for name in ("overrides", "materials/print"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    css = project / "materials" / "print" / "common.css"
    css.write_text(css.read_text(encoding="utf-8") + f"\nbody {{ {rule}; }}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("leaflets", "--docs", str(docs), "--out", str(out), "--cache-dir", str(tmp_path / "cache"), "--project", str(project))
    assert result.returncode == 1
    assert re.search(rf"leaflet programme-de-a4: refused to load {re.escape(url)}", result.stderr), result.stderr
    assert not list(out.glob("*.pdf")), "nothing is written when a leaflet is refused"


@pytest.mark.slow  # renders leaflets
def test_content_that_would_load_or_attach_something_reaches_no_leaflet(tmp_path):
    docs = make_tree(tmp_path)
    page = docs / "de" / "programmes" / "reag.md"
    snippets = "![map](http://example.org/map.png) <a rel=\"attachment\" href=\"data:text/plain,x\">Anhang</a>"
    page.write_text(page.read_text().replace("## Kosten {#costs}\n\nText.", f"## Kosten {{#costs}}\n\nText. {snippets}"))
    out = tmp_path / "out"
    result = run_cli("leaflets", "--docs", str(docs), "--out", str(out), "--cache-dir", str(tmp_path / "cache"), "--only", "programme-de-a4")
    assert result.returncode == 0, result.stderr
    import pikepdf

    with pikepdf.open(out / "programme-de-a4.pdf") as pdf:
        assert "/EmbeddedFiles" not in (pdf.Root.get("/Names") or {})
    assert "Anhang" in pdftotext(out / "programme-de-a4.pdf")


# ---------------------------------------------------------------- incremental and reproducible


@pytest.mark.slow  # renders leaflets or builds a site
def test_unchanged_leaflets_are_not_rendered_again_and_pdfs_are_reproducible(tmp_path):
    docs = make_tree(tmp_path)
    first = run_cli("leaflets", "--docs", str(docs), "--out", str(tmp_path / "a"), "--cache-dir", str(tmp_path / "c1"))
    assert first.returncode == 0, first.stderr
    assert "leaflets: 3 rendered, 0 unchanged" in first.stdout
    # a translation nobody with its language has reviewed says so on paper, in its language
    assert "has not yet been checked by a native speaker" in " ".join(pdftotext(tmp_path / "a" / "programme-en-a4.pdf").split())
    assert "native speaker" not in pdftotext(tmp_path / "a" / "programme-de-a4.pdf")
    again = run_cli("leaflets", "--docs", str(docs), "--out", str(tmp_path / "a"), "--cache-dir", str(tmp_path / "c1"))
    assert "leaflets: 0 rendered, 3 unchanged" in again.stdout
    # a fresh cache renders everything again, byte for byte the same
    fresh = run_cli("leaflets", "--docs", str(docs), "--out", str(tmp_path / "b"), "--cache-dir", str(tmp_path / "c2"))
    assert "leaflets: 3 rendered" in fresh.stdout
    for pdf in sorted((tmp_path / "a").glob("*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "b" / pdf.name).read_bytes(), pdf.name
    # a fix in the page reaches its leaflets, and only those
    page = docs / "de" / "programmes" / "reag.md"
    page.write_text(page.read_text().replace("## Kosten {#costs}\n\nText.", "## Kosten {#costs}\n\nNeuer Text."))
    changed = run_cli("leaflets", "--docs", str(docs), "--out", str(tmp_path / "a"), "--cache-dir", str(tmp_path / "c1"))
    assert "leaflets: 2 rendered, 1 unchanged" in changed.stdout  # de and de+en; en quotes its own page
    assert "Neuer Text" in pdftotext(tmp_path / "a" / "programme-de-a4.pdf")


@pytest.mark.slow  # renders leaflets
def test_a_font_upgrade_renders_the_leaflets_again(tmp_path, monkeypatch):
    """The cache key covers the installed fonts: cached PDFs set in an old font are not kept."""
    docs = make_tree(tmp_path)
    model = load_model(docs)
    setup = render.Setup(ROOT, "https://example.org/", tmp_path / "cache" / "leaflets", ROOT / "materials" / "print")
    logged = []
    render.build(model, setup, jobs=1, log=logged.append)
    render.build(model, setup, jobs=1, log=logged.append)
    monkeypatch.setattr(render, "font_fingerprint", lambda: "noto-sans-after-an-upgrade")
    render.build(model, setup, jobs=1, log=logged.append)
    summaries = [line for line in logged if line.startswith("leaflets:")]
    assert summaries == ["leaflets: 3 rendered, 0 unchanged", "leaflets: 0 rendered, 3 unchanged",
                         "leaflets: 3 rendered, 0 unchanged"]


# ---------------------------------------------------------------- the real leaflets, from the PDFs


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


# Invisible marks that text extraction adds or drops: directional embeddings and isolates,
# and the zero-width non-joiner of Persian (a joining hint, not a letter).
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def words(text: str) -> str:
    return " ".join(text.translate(_INVISIBLE).split())


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "materials" / "manifest.json").read_text(encoding="utf-8"))["leaflets"]


@pytest.fixture(scope="module")
def model(real_model):
    return real_model  # only read here


def test_manifest_matches_the_files_and_covers_every_definition(built_site, manifest, model):
    # every leaflet still current on the build's date (posters of past events are not rendered)
    assert {e["id"] for e in manifest} == {v.id for v in model.leaflets if v.current(dt.date.fromisoformat(TODAY))}
    for entry in manifest:
        pdf = (built_site / "materials" / entry["file"]).read_bytes()
        assert len(pdf) == entry["bytes"] and hashlib.sha256(pdf).hexdigest() == entry["sha256"], entry["id"]
        assert (built_site / "materials" / entry["thumbnail"]).is_file()
    groups = {(e["target_group"], tuple(e["languages"])) for e in manifest}
    for group in ("reception-centre", "families", "country", "vulnerabilities"):
        for lang in ("de", "en", "ar", "fa"):
            assert (group, (lang,)) in groups, (group, lang)
    assert ("partners", ("de",)) in groups
    # Turkish and Russian: the leaflets whose pages are translated (the others wait for their pages)
    for lang in ("tr", "ru"):
        assert ("general", (lang,)) in groups, lang
    assert {("de", "ar"), ("de", "fa"), ("de", "en")} <= {tuple(e["languages"]) for e in manifest}
    assert {e["format"] for e in manifest} >= {"a4", "a5", "a4-print"}
    # one reception-centre leaflet per counselling office in a reception centre, one country leaflet per fact sheet
    offices = {i for i, p in model.locations().items() if p.meta.kind == "reception-centre-office"}
    assert {e["item"] for e in manifest if e["target_group"] == "reception-centre"} == offices
    sheets = {Path(p.rel_path).stem for p in model.sources() if p.type == "country"}
    assert {e["item"] for e in manifest if e["target_group"] == "country"} == sheets


def test_every_leaflet_says_its_title_and_phone_numbers_intact_and_in_order(built_site, manifest, model):
    for entry in manifest:
        text = pdftotext(built_site / "materials" / entry["file"])
        flat = words(text)
        for lang, title in entry["titles"].items():
            assert words(title) in flat, (entry["id"], lang, title)
        # the numbers of the contact cards the leaflet quotes, whole and in the order of the cards
        expected = []
        variant = next(v for v in model.leaflets if v.id == entry["id"])
        for block in variant.blocks:
            ids = [block.location] if block.kind == "contact" else (model.page("de", block.page).meta.contacts or []) if block.kind == "contacts" else []
            for location_id in ids:
                location = model.locations()[location_id]
                via = model.locations().get(location.meta.contact_via or "")
                phone = location.meta.phone or (via.meta.phone if via else None)
                if phone:
                    expected.append(phone.display)
        # each number whole; a number is printed once even when two cards share it (the callout
        # and the card of the line it is reached through), first in the callout on page 1
        for number in dict.fromkeys(expected):
            assert number in flat, (entry["id"], number, flat[:400])
        if expected:
            page_one = words(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(built_site / "materials" / entry["file"]), "-"],
                                            capture_output=True, text=True, check=True).stdout)
            assert expected[0] in page_one, entry["id"]


def test_pdfs_are_tagged_embed_their_fonts_and_fit_their_format(built_site, manifest):
    for entry in manifest:
        pdf = built_site / "materials" / entry["file"]
        info = pdfinfo(pdf)
        assert info["Tagged"] == "yes", entry["id"]
        assert info["Title"] and info["Author"] and info["Subject"], entry["id"]
        assert int(info["Pages"]) == entry["pages"] <= FORMATS[entry["format"]], entry["id"]
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" and line.split()[-4] == "yes" for line in fonts), (entry["id"], fonts)
    a5 = next(e for e in manifest if e["format"] == "a5")
    assert "419.528 x 595.276" in pdfinfo(built_site / "materials" / a5["file"])["Page size"]
    shop = next(e for e in manifest if e["format"] == "a4-print")
    boxes = subprocess.run(["pdfinfo", "-box", str(built_site / "materials" / shop["file"])], capture_output=True, text=True).stdout
    assert re.search(r"TrimBox:\s+0\.00\s+0\.00\s+595\.28\s+841\.89", boxes)
    assert re.search(r"BleedBox:\s+-8\.50\s+-8\.50", boxes)  # 3 mm of bleed


def test_pdf_language_metadata_and_right_to_left_text(built_site, manifest):
    fa = next(e for e in manifest if e["id"] == "country-sy-fa-a4")
    catalog = subprocess.run(["pdfinfo", "-meta", str(built_site / "materials" / fa["file"])], capture_output=True, text=True).stdout
    assert "بازگشت به سوریه" in catalog  # XMP title
    text = pdftotext(built_site / "materials" / fa["file"])
    assert "سوریه" in text and "REAG/GARP" in text and "+49 6232 100 1000" in text
    assert re.search(r"[۱-۹]/[۱-۹]", words(text).replace(" ", ""))  # page numbers ("1/n", drawn right to left) in Persian digits


def test_qr_payload_resolves_to_a_page_of_the_built_site(built_site, manifest):
    site_url = "https://rueckkehrberatung.example/"
    for entry in manifest:
        assert entry["qr_url"].startswith(site_url)
        short = built_site / entry["qr_url"][len(site_url):] / "index.html"
        html = short.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1).replace("&amp;", "&")
        assert f"utm_campaign={entry['id']}" in target
        page = (short.parent / target.split("?")[0] / "index.html").resolve()
        assert page.is_file(), (entry["id"], target)
        lang = entry["languages"][-1]
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8"), entry["id"]


def test_catalogue_offers_every_leaflet_that_is_not_a_draft_in_every_language(built_site, manifest):
    offered = [e for e in manifest if not e["draft"]]
    assert offered and len(offered) < len(manifest)  # the real content has both
    for prefix in ("", "en/", "ar/", "fa/"):
        html = (built_site / prefix / "materials" / "index.html").read_text(encoding="utf-8")
        links = [l for l in re.findall(r'<a href="([^"]+\.pdf)" type="application/pdf"', html) if not l.endswith("-2up.pdf")]
        assert sorted(link.rsplit("/", 1)[-1] for link in links) == sorted(e["file"] for e in offered), prefix
        assert any(c.isdigit() or "\u06f0" <= c <= "\u06f9" or "\u0660" <= c <= "\u0669" for c in
                   re.search(r'<p class="rg-notice" role="note">([^<]+)</p>', html).group(1)), prefix  # "N more are being checked"
        for link in links:
            assert (built_site / prefix / "materials" / link).resolve().is_file(), (prefix, link)


def test_staff_leaflets_are_in_the_catalogue_with_their_own_group_and_the_referral_guide_is_one_page(built_site, manifest):
    staff = {e["id"]: e for e in manifest if e["target_group"] == "staff"}
    assert {"staff-referral-de-a4", "staff-referral-de-en-a4", "staff-quick-reference-de-a4",
            "staff-quick-reference-en-a4"} <= set(staff)
    # one page per language: bilingual leaflets are two language sections, German on page 1
    assert staff["staff-referral-de-a4"]["pages"] == 1 and staff["staff-referral-de-en-a4"]["pages"] == 2
    # the Trier conference of 2024 is over on the build's date: no poster of it
    assert not any(e["definition"] == "event-poster" for e in manifest)
    # the quick reference quotes the programme page's section word for word
    text = pdftotext(built_site / "materials" / staff["staff-quick-reference-de-a4"]["file"])
    text = text.replace("\u2010\n", "").replace("-\n", "")  # words hyphenated at a line end, whole again
    assert "nur über eine Rückkehrberatungsstelle" in " ".join(text.split())
    for code, label in (("de", "Für Fachkräfte"), ("en", "For professionals")):
        prefix = "" if code == "de" else f"{code}/"
        html = (built_site / prefix / "materials" / "index.html").read_text(encoding="utf-8")
        assert label in html and "staff-referral-de-en-a4.pdf" in html, code


# ---------------------------------------------------------------- print wording (decided once, in the renderer)


def test_print_wording_drops_web_only_text_and_links_to_pages():
    text = ("Ein Satz mit [Verweisberatung](programmes/referral.md#x) und [BAMF](https://www.bamf.de/x).\n\n"
            "Mehr dazu auf der Seite [Fragen](questions.md).\n{.web-only}\n\n"
            '- Vertraulich. <span class="web-only">Mehr dazu unter [Fragen](../questions.md).</span>\n\n'
            "![Karte](map.png)\n")
    html = wording.print_markdown(text, "de")
    assert "Ein Satz mit Verweisberatung und BAMF (www.bamf.de/x)." in html
    assert "Mehr dazu" not in html and "<a " not in html
    assert '<img alt="Karte" src="map.png"' in html  # images stay (the sandbox decides)


def test_print_wording_drops_sentences_that_only_point_to_other_pages():
    text = ("Das Land gehört zu den Ländern des EURP. Mehr zu den Programmen:\n[Reintegration](../programmes/reintegration.md).\n\n"
            "- Ein Pass. Was Sie sonst brauchen: siehe [REAG/GARP](../programmes/reag-garp.md).\n"
            "- Fragen: [Kinder](a.md) und [Familien](b.md)\n\n"
            "Wichtig: Das [Verzeichnis](../locations/index.md) nennt jede Stelle.\n")
    html = wording.print_markdown(text, "de")
    assert "Mehr zu den Programmen" not in html and "Reintegration" not in html and "siehe" not in html
    assert "<p>Das Land gehört zu den Ländern des EURP.</p>" in html
    assert "<li>Ein Pass.</li>" in html and "<li>Fragen:" not in html
    assert "Wichtig: Das Verzeichnis nennt jede Stelle." in html, "a sentence that says something keeps the link's text"


def test_names_and_phone_numbers_are_kept_on_one_line_on_paper(model):
    html = wording.print_markdown("برنامهٔ REAG/GARP و StarthilfePlus؛ تلفن +49 6232 100 1000.", "fa", ("REAG/GARP", "StarthilfePlus"))
    assert '<span class="lf-keep">REAG/GARP</span>' in html and '<span class="lf-keep">StarthilfePlus</span>' in html
    assert '<span class="lf-ltr">\u2066+49 6232 100 1000\u2069</span>' in html
    assert {"REAG/GARP", "StarthilfePlus", "EURP"} <= set(wording.unbreakable_names(model))
    css = (ROOT / "materials" / "print" / "common.css").read_text(encoding="utf-8")
    assert re.search(r"\.lf-keep \{ white-space: nowrap; hyphens: none; \}", css)



def test_a_mark_after_a_hamza_letter_is_set_apart_on_paper():
    html = '<html><head><title>أُعدّت</title></head><body dir="rtl"><p title="أُ">أُعدّت شيئًا أعدّت</p></body></html>'
    out = wording.marks_apart_from_hamza(html)
    assert "<p>" not in out and '<p title="أُ">أ\u2060ُعدّت شيئ\u2060ًا أعدّت</p>' in out
    assert out.startswith("<html><head><title>أُعدّت</title></head><body dir=\"rtl\">")


@pytest.mark.slow  # renders with WeasyPrint
def test_every_glyph_of_vowelled_hamza_letters_maps_to_text():
    """"أُعدّت" in the Arabic translation note once left the glyph of أ with an empty ToUnicode
    entry (a malformed CMap for PDF/UA-1): see wording._HAMZA_THEN_MARK."""
    import io

    import pikepdf
    import weasyprint

    text = wording.marks_apart_from_hamza('<body><p lang="ar" dir="rtl">أُعدّت هذه الترجمة — شيئًا — التي أُجيب عنها — إِلى — آمِن — مسؤُول</p></body>')
    pdf = pikepdf.open(io.BytesIO(weasyprint.HTML(string=text).write_pdf(pdf_variant="pdf/ua-1")))
    maps = [bytes(f.ToUnicode.read_bytes()) for f in pdf.objects
            if isinstance(f, pikepdf.Dictionary) and f.get("/Type") == "/Font" and "/ToUnicode" in f]
    assert maps and not any(re.search(rb"<[0-9a-f]{4}> <>", m) for m in maps)

def _document(body: str, css: str = ""):
    import weasyprint

    common = (ROOT / "materials" / "print" / "common.css").read_text(encoding="utf-8")
    html = f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><style>{common}\n@page {{ size: A6; margin: 10mm }}\n{css}</style></head><body>{body}</body></html>'
    return html, weasyprint.HTML(string=html).render()


@pytest.mark.slow  # renders with WeasyPrint
def test_a_leaflet_whose_last_page_would_hold_a_line_or_two_is_set_again():
    from returnguide.print import finish

    # grow a text until its second page holds two lines (widows: 2 keeps a single one from it)
    words = "Die Beratung ist vertraulich und kostenlos und hilft bei jeder Frage".split()
    for n in range(100, 600, 3):
        html, document = _document(f"<p>{' '.join(words[i % len(words)] for i in range(n))}.</p>")
        if len(document.pages) == 2 and finish.last_page_lines(document) <= 2:
            break
    else:
        pytest.fail("no length gave a second page with two lines")
    assert leaflet_pdf._thin(document)
    job = {"base_url": None, "max_pages": 2}
    tuned = leaflet_pdf._without_thin_last_page(document, html, job, None, [])
    assert not leaflet_pdf._thin(tuned)
    assert len(tuned.pages) == 1 or finish.last_page_lines(tuned) >= leaflet_pdf.MIN_LAST_LINES


@pytest.mark.slow  # renders with WeasyPrint
def test_no_paragraph_or_item_leaves_a_single_line_at_a_page_break():
    from weasyprint.formatting_structure import boxes

    filler = "<p>" + "Ein Satz, der eine Zeile füllt, und noch einer. " * 60 + "</p>"
    for n in range(0, 30):
        _, document = _document(filler + "<ul><li>" + "Ein Punkt einer Liste, lang genug für einige Zeilen. " * 8 + "</li></ul>",
                                css=f"p {{ margin-block-end: {n}pt }}")
        per_page = []
        for page in document.pages:
            items = [b for b in page._page_box.descendants() if isinstance(b, boxes.BlockBox) and b.element_tag == "li"]
            per_page.append(sum(1 for item in items for b in item.descendants() if isinstance(b, boxes.LineBox)))
        split = [lines for lines in per_page if lines]
        assert all(lines >= 2 for lines in split), (n, per_page)


@pytest.mark.parametrize("lang,digits", [("fa", "۱۲۳"), ("ar", "١٢٣")])
def test_right_to_left_leaflets_count_lists_in_their_digits_with_the_marker_at_the_start(built_site, manifest, lang, digits):
    entry = next(e for e in manifest if e["id"] == f"return-counselling-{lang}-a4-print")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(built_site / "materials" / entry["file"]), "-"],
                         capture_output=True, text=True, check=True).stdout
    markers = 0
    for line in re.findall(r"<line [^>]*>(.*?)</line>", xml, re.S):
        found = re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', line)
        first = max(found, key=lambda w: float(w[0]))  # right to left: the line starts at its right end
        if re.fullmatch(r"\.?[0-9]\.?", first[2]):
            pytest.fail(f"{entry['id']}: a list counted in Latin digits: {first[2]}")
        if re.fullmatch(r"\.[۰-۹٠-٩]", first[2]):  # the period on the digit's left: after it, reading right to left
            assert first[2][1] in digits or first[2][1] in LANGUAGES[lang].digits, first[2]
            markers += 1
    assert markers >= 3, f"{entry['id']}: no ordered list found in {lang}"


def test_no_leaflet_ends_on_a_page_with_only_a_few_lines(built_site, manifest):
    thin = []
    for entry in manifest:
        if entry["pages"] < 2:
            continue
        pdf = built_site / "materials" / entry["file"]
        height = float(re.search(r"x ([\d.]+) pts", pdfinfo(pdf)["Page size"]).group(1))
        xml = subprocess.run(["pdftotext", "-f", str(entry["pages"]), "-l", str(entry["pages"]), "-bbox-layout", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        # lines above the running footer (page margins: 16 mm on A4, 13 mm on A5)
        lines = [float(y) for y in re.findall(r'<line xMin="[^"]+" yMin="([\d.]+)"', xml) if float(y) < height - 40]
        if len(lines) < leaflet_pdf.MIN_LAST_LINES:
            thin.append((entry["id"], len(lines)))
    assert thin == [], f"last pages with fewer than {leaflet_pdf.MIN_LAST_LINES} lines: {thin}"
