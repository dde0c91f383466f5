"""What WeasyPrint 70 leaves undone in a leaflet's PDF, finished with pikepdf (qpdf).

- /Lang on every structure element whose HTML element carries `lang` (WeasyPrint tags only
  the document's language): a Persian section and a German name inside Persian text are
  read with the right voice. Done while WeasyPrint builds the structure tree (language_tags).
- Figure bounding boxes in PDF user space (WeasyPrint writes CSS pixels from the page top).
- Font subset tags from the subset's bytes, so two files never share a tag for different subsets.
- The print shop's variant (`a4-print`, rendered as PDF/X-4 with a CMYK output intent): every
  colour in DeviceCMYK, grey and black as K only; crop marks in registration colour outside the
  bleed, on a slug added around the page; ArtBox = TrimBox; the PDF/UA identification beside
  the PDF/X one. It has no annotations: its template writes no links.
- A5 two to an A4 sheet (two_up), for office printers: the sheet is cut in half.

Runs in the render workers; pikepdf and WeasyPrint are imported only there.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import uuid
from pathlib import Path

import pikepdf

from ..compat import weasyprint_boxes

# The print shop's output intent: Ghostscript's CMYK output profile (Debian libgs-common;
# scripts/setup.sh installs it), referenced by materials/print/a4-print.css.
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
CMYK_PROFILE_NAME = "Artifex CMYK SWOP Profile"
MM = 72 / 25.4
SLUG = 10 * MM  # room around the bleed for the crop marks
MARK_OFFSET = 3 * MM + 2 * MM  # marks start 2 mm outside the 3 mm bleed …
MARK_LENGTH = 4 * MM  # … and are 4 mm long
CARD_CLASSES = {"lf-card", "lf-callout", "lf-qr"}


# ---------------------------------------------------------------- while WeasyPrint tags


@contextlib.contextmanager
def language_tags():
    """Give structure elements the language of their HTML element (`lang`), while WeasyPrint
    builds the structure tree (WeasyPrint tags only the document's language)."""
    import pydyf

    def decorate(element, structure):
        lang = element.get("lang") if element is not None else None
        if lang and "Lang" not in structure:
            structure["Lang"] = pydyf.String(lang)

    with weasyprint_boxes.structure_hook(decorate):
        yield


def ends_with_only_cards(document) -> bool:
    """True when a leaflet of several pages ends on a page that holds nothing but contact cards,
    the callout or the QR code."""
    from weasyprint.formatting_structure import boxes

    if len(document.pages) < 2:
        return False

    def has_text_outside_cards(box, inside: bool) -> bool:
        if isinstance(box, boxes.MarginBox):
            return False
        if box.element is not None:
            inside = inside or bool(CARD_CLASSES & set((box.element.get("class") or "").split()))
        if isinstance(box, boxes.TextBox):
            return not inside and bool(box.text.strip())
        return any(has_text_outside_cards(child, inside) for child in getattr(box, "children", ()))

    return not has_text_outside_cards(weasyprint_boxes.page_box(document.pages[-1]), False)


def last_page_lines(document) -> int:
    """Lines of text on the last page (both columns; the running footer not counted)."""
    from weasyprint.formatting_structure import boxes

    def count(box) -> int:
        if isinstance(box, boxes.MarginBox):
            return 0
        if isinstance(box, boxes.LineBox):
            return int(any(isinstance(b, boxes.TextBox) and b.text.strip() for b in box.descendants()))
        return sum(count(child) for child in getattr(box, "children", ()))

    return count(weasyprint_boxes.page_box(document.pages[-1]))


def fill(document) -> float:
    """How much of the last page's height the content takes (0 to 1): the taller column."""
    from weasyprint.formatting_structure import boxes

    page = weasyprint_boxes.page_box(document.pages[-1])
    top, height = page.content_box_y(), page.height
    bottom = top

    def walk(box):
        nonlocal bottom
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
            bottom = max(bottom, box.position_y + box.margin_height())
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page)
    return (bottom - top) / height if height else 1.0


# ---------------------------------------------------------------- after WeasyPrint


def finish(pdf_bytes: bytes, leaflet_id: str, *, print_shop: bool) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _figure_boxes(pdf)
        _subset_tags(pdf)
        if print_shop:
            _print_shop(pdf, leaflet_id)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _struct_elements(pdf: pikepdf.Pdf):
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack = [root.get("/K")]
    seen = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") != "/OBJR" and "/S" in node:
            key = node.objgen
            if key in seen and key != (0, 0):
                continue
            seen.add(key)
            yield node
            if "/K" in node:
                stack.append(node.K)


def _figure_boxes(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint writes a Figure's BBox in CSS pixels from the top of the page; PDF wants points
    from the bottom of the trimmed page."""
    for element in _struct_elements(pdf):
        if element.S != "/Figure" or "/A" not in element or "/BBox" not in element.A or "/Pg" not in element:
            continue
        page = element.Pg
        box = page.get("/TrimBox", page.MediaBox)
        height = float(box[3])
        x1, y1, x2, y2 = (float(v) * 0.75 for v in element.A.BBox)
        element.A.BBox = pikepdf.Array([round(x1, 2), round(height - y2, 2), round(x2, 2), round(height - y1, 2)])


def _subset_tags(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint derives a subset's tag from the font's name, so the same tag names different
    subsets in different files; derive it from the subset itself."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font" or obj.get("/Subtype") == "/Type3":
            continue
        descendant = obj.DescendantFonts[0] if "/DescendantFonts" in obj else obj
        descriptor = descendant.get("/FontDescriptor")
        if descriptor is None:
            continue
        data = next((descriptor[k].read_raw_bytes() for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor), b"")
        digest = hashlib.sha256(data + str(obj.get("/BaseFont")).encode()).digest()
        tag = "".join(chr(65 + b % 26) for b in digest[:6])
        for holder, key in ((obj, "/BaseFont"), (descendant, "/BaseFont"), (descriptor, "/FontName")):
            if key in holder:
                holder[key] = pikepdf.Name("/" + re.sub(r"^[A-Z]{6}\+", "", str(holder[key])[1:]).join([tag + "+", ""]))


# ---------------------------------------------------------------- the print shop's PDF/X-4

_REGISTRATION = pikepdf.Array([
    pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK,
    pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1),
])


def _print_shop(pdf: pikepdf.Pdf, leaflet_id: str) -> None:
    for intent in pdf.Root.get("/OutputIntents", []):
        intent.OutputConditionIdentifier = pikepdf.String("Custom")
        intent.OutputCondition = pikepdf.String(CMYK_PROFILE_NAME)
        intent.Info = pikepdf.String(CMYK_PROFILE_NAME)
    for stream in _content_streams(pdf):
        _to_cmyk(stream)
    for page in pdf.pages:
        trim = [float(v) for v in page.obj.TrimBox]
        media = [float(v) for v in page.obj.MediaBox]
        page.obj.MediaBox = pikepdf.Array([media[0] - SLUG, media[1] - SLUG, media[2] + SLUG, media[3] + SLUG])
        page.obj.ArtBox = pikepdf.Array(trim)
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]
        _crop_marks(pdf, page, trim)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["{http://www.aiim.org/pdfua/ns/id/}part"] = "1"
        # WeasyPrint's PDF/X metadata has random identifiers; same input, same bytes.
        for key in ("DocumentID", "InstanceID", "VersionID"):
            name = "{http://ns.adobe.com/xap/1.0/mm/}" + key
            if name in meta:
                meta[name] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, leaflet_id + '#' + key)}"


def _content_streams(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        contents = page.obj.Contents
        yield from (contents if isinstance(contents, pikepdf.Array) else [contents])
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            yield obj
        elif isinstance(obj, pikepdf.Stream) and obj.get("/PatternType") == 1:
            yield obj


def _cmyk(r: float, g: float, b: float) -> list[float]:
    """DeviceRGB as DeviceCMYK: a grey becomes K only; a colour (none is written on purpose:
    the print stylesheet uses device-cmyk()) by full grey-component replacement."""
    k = 1 - max(r, g, b)
    if k >= 1:
        return [0, 0, 0, 1]
    return [round((1 - c - k) / (1 - k), 4) for c in (r, g, b)] + [round(k, 4)]


def _to_cmyk(stream: pikepdf.Stream) -> None:
    operators = {"rg": "k", "RG": "K", "g": "k", "G": "K"}
    changed = False
    instructions = []
    for operands, operator in pikepdf.parse_content_stream(stream):
        name = str(operator)
        if name in operators:
            values = [float(v) for v in operands]
            cmyk = _cmyk(*values) if len(values) == 3 else [0, 0, 0, round(1 - values[0], 4)]
            instructions.append((cmyk, pikepdf.Operator(operators[name])))
            changed = True
        elif name in ("cs", "CS") and operands and operands[0] == pikepdf.Name.DeviceRGB:
            instructions.append(([pikepdf.Name.DeviceCMYK], operator))
            changed = True
        else:
            instructions.append((operands, operator))
    if changed:
        stream.write(pikepdf.unparse_content_stream(instructions))


def _crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    """Crop marks at the trim lines, outside the bleed, in registration colour, as an artifact."""
    resources = page.obj.Resources
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace.Registration = _REGISTRATION
    left, bottom, right, top = trim
    lines = []
    for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        lines.append(f"{x + dx * MARK_OFFSET:.2f} {y:.2f} m {x + dx * (MARK_OFFSET + MARK_LENGTH):.2f} {y:.2f} l S")
        lines.append(f"{x:.2f} {y + dy * MARK_OFFSET:.2f} m {x:.2f} {y + dy * (MARK_OFFSET + MARK_LENGTH):.2f} l S")
    marks = ("/Artifact BMC q /Registration CS 1 SC 0.25 w\n" + "\n".join(lines) + "\nQ EMC\n").encode()
    page.contents_add(pikepdf.Stream(pdf, marks), prepend=True)


# ---------------------------------------------------------------- A5 two to an A4 sheet


def two_up(pdf_bytes: bytes) -> bytes:
    """Each A5 page twice, side by side, on a landscape A4 sheet (cut in half: two leaflets)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as source, pikepdf.new() as sheet:
        width, height = 841.89, 595.28
        for page in source.pages:
            form = sheet.copy_foreign(page.as_form_xobject())
            offset = (width / 2 - float(page.mediabox[2] - page.mediabox[0])) / 2
            # placed by hand, not with add_overlay: its resource names are not the same from run to run
            draw = "".join(f"q 1 0 0 1 {x + offset:.2f} 0 cm /Leaflet Do Q\n" for x in (0, width / 2))
            new = sheet.add_blank_page(page_size=(width, height))
            new.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Leaflet=form))
            new.obj.Contents = sheet.make_stream(draw.encode())
        sheet.docinfo = sheet.copy_foreign(source.docinfo)
        sheet.Root.Lang = source.Root.get("/Lang", pikepdf.String(""))
        out = io.BytesIO()
        sheet.save(out, deterministic_id=True, compress_streams=True,
                   object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
