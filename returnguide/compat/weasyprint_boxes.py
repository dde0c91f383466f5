"""WeasyPrint's laid-out boxes and its structure tree, which it does not expose publicly.

- `structure_hook`: WeasyPrint 70 tags a PDF's structure elements with the document's language
  only; a Persian section or a German name inside Persian text needs its own /Lang. The
  structure tree is built in one recursive generator, weasyprint.pdf.tags._build_box_tree,
  which is wrapped for the duration of a render and restored. Upstream's PDF/UA work:
  https://github.com/Kozea/WeasyPrint/pull/2471 (language per element is not in it yet).
- `page_box`: the laid-out box tree of a rendered page (Page._page_box), read to decide whether
  a leaflet's last page is thin or holds only contact cards.
- `element_of`: the HTML element of a box; a structure element wraps its box in `_box`.

WeasyPrint is imported only when these run (in the render workers).
"""

from __future__ import annotations

import contextlib
import inspect
from importlib.metadata import version

PINNED = {"weasyprint": "70.0", "pydyf": "0.13.0"}
BUILD_BOX_TREE_PARAMETERS = ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]


@contextlib.contextmanager
def structure_hook(decorate):
    """While the context is open, `decorate(element, structure)` is called for every structure
    element WeasyPrint builds, with the HTML element it came from (or None)."""
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box, *args):
        element = element_of(box)
        for structure in original(box, *args):
            decorate(element, structure)
            yield structure

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def element_of(box):
    """The HTML element a box (or a structure element's wrapped box) was made from, or None."""
    return getattr(getattr(box, "_box", box), "element", None)


def page_box(page):
    """The laid-out box tree of one rendered page (weasyprint.document.Page)."""
    return page._page_box


def probe() -> None:
    """Raise RuntimeError, naming what changed, when the installed WeasyPrint no longer has the
    private names this module uses in the shape it expects."""
    from weasyprint import HTML
    from weasyprint.pdf import tags

    installed = version("weasyprint")
    function = getattr(tags, "_build_box_tree", None)
    if function is None or not inspect.isgeneratorfunction(function):
        raise RuntimeError(f"weasyprint {installed}: weasyprint.pdf.tags._build_box_tree is gone or no longer a "
                           f"generator (written for {PINNED['weasyprint']}); see returnguide/compat/weasyprint_boxes.py")
    parameters = list(inspect.signature(function).parameters)
    if parameters != BUILD_BOX_TREE_PARAMETERS:
        raise RuntimeError(f"weasyprint {installed}: _build_box_tree{tuple(parameters)} changed its parameters "
                           f"(written for {PINNED['weasyprint']}: {tuple(BUILD_BOX_TREE_PARAMETERS)})")
    page = HTML(string="<p lang='de'>x</p>").render().pages[0]
    box = getattr(page, "_page_box", None)
    if box is None or not hasattr(box, "children") or not hasattr(box, "content_box_y"):
        raise RuntimeError(f"weasyprint {installed}: Page._page_box is gone or no longer a page box "
                           f"(written for {PINNED['weasyprint']})")
