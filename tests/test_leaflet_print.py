"""Leaflets as a counsellor, a screen reader and a print shop meet them, read from the PDFs of
the real build: print wording, one notice, the structure tree (pikepdf), an independent PDF/UA
checker (page-validation, veraPDF's rules), PDF/X for the print shop, fonts and typography."""

from __future__ import annotations

import collections
import hashlib
import re
import subprocess
from pathlib import Path

import page as pdf_checker
import pikepdf
import pytest

from conftest import ROOT, TODAY, make_tree, run_cli

pytestmark = pytest.mark.slow  # every test here reads the leaflets of a built site

# Web wording no printed leaflet may use, per language (lower case).
WEB_WORDING = {
    "de": ["diese seite", "dieser seite", "diesen seiten", "auf der seite", "auf den seiten", "website",
           "webseite", "mehr dazu unter", "unten auf", "klicken"],
    "en": ["this page", "on the page", "on the pages", "website", "read more under", "bottom of", "click"],
    "tr": ["bu sayfa", "web sitesi", "internet sitesi", "tıklayın"],
    "ru": ["эта страница", "этой странице", "этой страницы", "веб-сайт", "нажмите"],
}
DRAFT_WORDS = {"de": "Entwurf", "en": "Draft", "ar": "مسودة", "fa": "پیشنویس", "tr": "Taslak", "ru": "Черновик"}  # as extracted: no ZWNJ
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def text_of(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def leaflets(built_site):
    import json

    entries = json.loads((built_site / "materials" / "manifest.json").read_text(encoding="utf-8"))["leaflets"]
    return [(e, built_site / "materials" / e["file"]) for e in entries]


def structure(pdf: pikepdf.Pdf):
    """(element, inherited language) for every structure element, in document order."""
    out = []

    def walk(node, lang):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, lang)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            lang = str(node.get("/Lang", lang))
            out.append((node, lang))
            if "/K" in node:
                walk(node.K, lang)

    walk(pdf.Root.StructTreeRoot.K, str(pdf.Root.Lang))
    return out


# ---------------------------------------------------------------- wording and notices


def test_no_leaflet_speaks_of_a_page_or_a_website(leaflets):
    for entry, pdf in leaflets:
        for lang in entry["languages"]:
            if lang not in WEB_WORDING:
                continue
            text = " ".join(text_of(pdf).translate(_INVISIBLE).lower().split())
            found = [w for w in WEB_WORDING[lang] if w in text]
            assert not found, (entry["id"], found)


def test_a_draft_carries_exactly_one_notice_and_a_confirmed_leaflet_none(leaflets):
    for entry, pdf in leaflets:
        text = text_of(pdf).translate(_INVISIBLE)
        # one notice: the band's sentence in each of the leaflet's languages, once
        for lang in entry["languages"]:
            assert text.count(DRAFT_WORDS[lang]) == (1 if entry["draft"] else 0), (entry["id"], lang)


def test_reception_centre_leaflets_name_their_centre_and_show_the_hotline_once(leaflets, built_site):
    from returnguide.model.content import load_model

    model = load_model(ROOT / "docs")
    for entry, pdf in leaflets:
        if entry["target_group"] != "reception-centre":
            continue
        lang = entry["languages"][0]
        office = model.location(entry["item"], lang)
        flat = " ".join(text_of(pdf).translate(_INVISIBLE).split())
        if lang in ("de", "en"):  # (extracted Arabic script comes out in visual order)
            assert " ".join(office.meta.title.split()) in flat, entry["id"]
        hotline = model.locations()[office.meta.contact_via].meta.phone.display
        assert flat.count(hotline) == 1, (entry["id"], "the line it is reached through is not repeated as a card")


# ---------------------------------------------------------------- the structure tree


def test_bilingual_leaflets_are_two_language_sections_not_a_table(leaflets):
    pairs = [(e, p) for e, p in leaflets if len(e["languages"]) == 2]
    assert pairs
    for entry, path in pairs:
        with pikepdf.open(path) as pdf:
            elements = structure(pdf)
            kinds = {str(e.S) for e, _ in elements}
            assert not kinds & {"/Table", "/TH", "/TD", "/TR"}, entry["id"]
            sections = [e for e in pdf.Root.StructTreeRoot.K[0].K if str(e.S) == "/Sect"]
            assert str(sections[0].Lang) == "de", entry["id"]
            assert {str(s.Lang) for s in sections} == set(entry["languages"]), entry["id"]
            # each heading level follows the one above it: one H1 per language
            assert sum(str(e.S) == "/H1" for e, _ in elements) == 2, entry["id"]


def test_every_run_in_another_language_carries_its_lang(leaflets):
    """Arabic, Persian, Turkish and Russian sections say so; a German name inside them (an
    operator, an address) is tagged German, so a screen reader switches voice."""
    german_runs = 0
    for entry, path in leaflets:
        if entry["languages"][-1] in ("de", "en"):
            continue
        with pikepdf.open(path) as pdf:
            elements = structure(pdf)
            sections = {str(e.Lang) for e, _ in elements if str(e.S) == "/Sect"}
            assert sections == set(entry["languages"]), entry["id"]
            german_runs += sum(str(e.S) == "/Span" and str(e.get("/Lang")) == "de" for e, lang in elements)
    assert german_runs


def test_qr_code_alt_text_is_in_the_leaflets_language_and_its_box_on_the_page(leaflets):
    for entry, path in leaflets:
        with pikepdf.open(path) as pdf:
            figures = [(e, lang) for e, lang in structure(pdf) if str(e.S) == "/Figure"]
            assert len(figures) == len(entry["languages"]), entry["id"]  # one QR code per language section
            for figure, lang in figures:
                alt = str(figure.Alt)
                assert entry["qr_url"].split("//", 1)[1] in alt, entry["id"]
                if lang in ("ar", "fa"):
                    assert re.search(r"[\u0600-\u06ff]", alt) and "QR code" not in alt, (entry["id"], alt)
                elif lang == "ru":
                    assert alt.startswith("QR-код:") and re.search(r"[\u0400-\u04ff]{4}", alt), (entry["id"], alt)
                elif lang == "tr":
                    assert alt.startswith("QR kodu:") and "internette" in alt, (entry["id"], alt)
                elif lang == "de":
                    assert alt.startswith("QR-Code:"), alt
                page = figure.Pg
                trim = [float(v) for v in page.get("/TrimBox", page.MediaBox)]
                x1, y1, x2, y2 = (float(v) for v in figure.A.BBox)
                assert trim[0] <= x1 < x2 <= trim[2] and trim[1] <= y1 < y2 <= trim[3], (entry["id"], figure.A.BBox)
                assert 50 < x2 - x1 < 80 and 50 < y2 - y1 < 80  # 20-24 mm


def test_one_link_annotation_per_link(leaflets):
    for entry, path in leaflets:
        with pikepdf.open(path) as pdf:
            links = [e for e, _ in structure(pdf) if str(e.S) == "/Link"]
            parents = pdf.Root.StructTreeRoot.ParentTree.Nums
            tree = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
            annotations = [a for p in pdf.pages for a in p.obj.get("/Annots", []) if a.Subtype == "/Link"]
            assert len(annotations) == len(links), entry["id"]
            for annotation in annotations:
                assert str(tree[int(annotation.StructParent)].S) == "/Link", entry["id"]


def test_independent_pdf_ua_checker_finds_nothing(leaflets):
    """page-validation checks veraPDF's PDF/UA-1 rules (README, "Leaflets")."""
    failures = {}
    for entry, path in leaflets:
        report = pdf_checker.validate_pdf(path, profile="ua1")
        if not report.is_compliant:
            failures[entry["id"]] = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    assert not failures, failures


# ---------------------------------------------------------------- print shop and office printer


def test_print_shop_variant_is_pdf_x4_in_cmyk_without_annotations(leaflets):
    shop = [(e, p) for e, p in leaflets if e["format"] == "a4-print"]
    assert shop
    for entry, path in shop:
        with pikepdf.open(path) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert intent.S == "/GTS_PDFX" and int(intent.DestOutputProfile.N) == 4, entry["id"]
            assert pdf.pdf_version >= "1.6"
            xmp = bytes(pdf.Root.Metadata.read_bytes()).decode()
            assert "PDF/X-4" in xmp and "pdfuaid" in xmp, entry["id"]
            for page in pdf.pages:
                box = {k: [float(v) for v in page.obj[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox", "/ArtBox")}
                assert box["/ArtBox"] == box["/TrimBox"], entry["id"]
                assert box["/BleedBox"][0] == pytest.approx(box["/TrimBox"][0] - 8.5, abs=0.1)
                assert box["/MediaBox"][0] < box["/BleedBox"][0] - 20  # room for the marks outside the bleed
                assert "/Annots" not in page.obj, entry["id"]
                operators = collections.Counter()
                streams = list(page.obj.Contents) if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents]
                streams += [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"]
                marks = b""
                for stream in streams:
                    for operands, operator in pikepdf.parse_content_stream(stream):
                        operators[str(operator)] += 1
                        if str(operator) == "k":
                            values = [float(v) for v in operands]
                            # black and grey are K only
                            assert values[:3] == [0, 0, 0] or values[3] < 1, (entry["id"], values)
                    marks += stream.read_bytes()
                assert not operators.keys() & {"rg", "RG", "g", "G"}, (entry["id"], "no DeviceRGB or DeviceGray")
                assert b"/Registration CS" in marks, entry["id"]
            spaces = pdf.pages[0].obj.Resources.ColorSpace
            assert str(spaces.Registration[1]) == "/All", "crop marks in registration colour"


def test_a5_comes_two_to_an_a4_sheet(leaflets, built_site):
    for entry, _ in leaflets:
        if entry["format"] != "a5":
            continue
        two_up = built_site / "materials" / entry["two_up"]
        with pikepdf.open(two_up) as sheet:
            assert len(sheet.pages) == entry["pages"]
            assert [round(float(v)) for v in sheet.pages[0].MediaBox] == [0, 0, 842, 595]


def test_font_subsets_have_unique_tags_across_all_leaflets(leaflets):
    seen: dict[str, str] = {}
    for entry, path in leaflets:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and "/FontFile2" in obj:
                    digest = hashlib.sha256(obj.FontFile2.read_raw_bytes()).hexdigest()
                    name = str(obj.FontName)
                    assert seen.setdefault(name, digest) == digest, (entry["id"], name)


# ---------------------------------------------------------------- fonts and typography


def test_no_fallback_font(leaflets):
    for entry, path in leaflets:
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        families = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).split("-Bold")[0].split("-Italic")[0] for line in fonts}
        assert families <= {"Noto-Sans", "Noto-Naskh-Arabic"}, (entry["id"], families)


def test_turkish_and_russian_letters_are_text_not_pictures(leaflets):
    """The text layer holds the letters a reader's search or screen reader needs: Turkish dotted
    İ and dotless ı, Russian ё, drawn with Noto Sans (no fallback font, see below)."""
    seen, first = set(), set()
    for entry, path in leaflets:
        lang = entry["languages"][-1]
        if lang not in ("tr", "ru"):
            continue
        text = text_of(path).translate(_INVISIBLE)
        letters = {"tr": ("İ", "ı", "ş", "ğ"), "ru": ("ё", "Ё", "й", "щ")}[lang]
        assert sum(c in text for c in letters) >= 3, (entry["id"], letters)
        seen.add(lang)
        if letters[0] in text:
            first.add(lang)
    # every leaflet shows most of its language's own letters; İ and ё each appear as text somewhere
    # (a short leaflet's text need not contain them)
    assert seen == {"tr", "ru"} and first == {"tr", "ru"}, (seen, first)


def test_lines_short_and_no_two_letter_hyphenation(leaflets):
    for entry, path in leaflets:
        if entry["languages"][-1] not in ("de", "en", "tr", "ru"):
            continue
        # -raw: in the order drawn, without joining a word broken at a hyphen
        lines = [l.translate(_INVISIBLE).strip() for l in text_of(path, "-raw").splitlines()]
        # list markers are drawn apart; the short address under the QR code breaks after a slash
        lines = [l for l in lines if not re.fullmatch(r"[•·\d.]*", l) and l not in entry["qr_url"]]
        # running text; the publisher's band and the footer are single lines of small type, never broken
        body = [l for l in lines if l and not l.startswith(("Netzwerk der", "Return and Reintegration Counselling Network",
                                                             "Rheinland-Pfalz Geri Dönüş", "Сеть консультаций"))
                and "/go/" not in l]
        assert max(len(l) for l in body) <= 80, (entry["id"], max(body, key=len))
        # the running footer (its address holds /go/) follows a page's last line in the drawing
        # order; the broken word goes on at the top of the next page, so pair lines of running text
        for line, following in zip(body, body[1:], strict=False):
            # a word broken by hyphenation ends in U+2010; a hyphen of the word itself (из-за) may end a line
            if re.search(r"\w‐$", line) and following:
                before = re.findall(r"\w+(?=‐$)", line)[-1]
                after = re.match(r"\w*", following).group(0)
                assert len(before) >= 3 and len(after) >= 3, (entry["id"], line, following)
        assert "Rheinland-Pfalz" in " ".join(lines) or entry["languages"] in (["en"], ["ru"]), entry["id"]  # the publisher line whole


def test_arabic_script_is_set_larger_than_latin_in_the_same_role(leaflets):
    def body_size(path: Path, family: str, page_index: int) -> float:
        """The size most text of the family's regular face is set in, on that page."""
        sizes = collections.Counter()
        with pikepdf.open(path) as pdf:
            page = pdf.pages[page_index]
            fonts = {str(k): str(v.BaseFont) for k, v in page.obj.Resources.Font.items()}
            current = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    current = (fonts.get(str(operands[0]), ""), round(float(operands[1]), 2))
                elif str(operator) in ("Tj", "TJ") and current and current[0].endswith("+" + family):
                    sizes[current[1]] += 1
        return sizes.most_common(1)[0][0]

    by_id = {e["id"]: p for e, p in leaflets}
    pairs = [(by_id["families-de-a5"], 0, by_id["families-ar-a5"], 0),
             (by_id["families-bilingual-de-fa-a4"], 0, by_id["families-bilingual-de-fa-a4"], 1)]
    for latin, latin_page, arabic, arabic_page in pairs:
        ratio = body_size(arabic, "Noto-Naskh-Arabic", arabic_page) / body_size(latin, "Noto-Sans", latin_page)
        assert 1.10 <= ratio <= 1.15, (arabic.name, ratio)


# ---------------------------------------------------------------- definitions


def test_block_fit_and_formats_are_checked(tmp_path):
    docs = make_tree(tmp_path)
    (tmp_path / "materials" / "leaflets" / "programme.yml").write_text(
        "id: programme\ntarget_group: general\npage: programmes/reag.md\nlanguages: [de]\nformats: [a4]\n"
        "blocks:\n  - lead\n  - section: costs\n    fit: squeeze\n")
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert result.returncode == 1
    assert re.search(r"materials/leaflets/programme\.yml:9: .*fit: 'squeeze' is not one of shrink, drop", result.stdout), result.stdout
