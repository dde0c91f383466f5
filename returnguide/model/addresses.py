"""Addresses that must never break: campaign short links, earlier addresses of moved
pages (`aliases:`), and the committed list of every address ever published.

The campaigns of materials/campaigns.yml are read by model/campaigns.py.

materials/published-urls.txt: one path per line (`/fa/countries/sy/`, `/go/syria-fa/`).
`make check` fails when one of them no longer resolves; `returnguide urls --record`
adds the addresses of the current build.
"""

from __future__ import annotations

from .content import ContentModel
from .languages import LANGUAGES
from .urls import page_url, postcode_page

PUBLISHED = "published-urls.txt"


def leaflet_redirects(model: ContentModel) -> dict[str, dict]:
    """A leaflet's short link (its QR code) -> its page, with the campaign parameters naming it."""
    return {
        f"go/{v.id}/": {"page": v.qr_page, "lang": v.languages[-1],
                        "query": f"utm_source=leaflet&utm_medium=print&utm_campaign={v.id}"}
        for v in model.leaflets
    }


def redirects(model: ContentModel) -> dict[str, dict]:
    """Short links of leaflets and campaigns, and earlier addresses of moved pages -> the page
    (and language) they lead to, with the query they add (see site/redirects.py)."""
    out = leaflet_redirects(model)
    for c in model.campaigns:
        out[f"go/{c.slug}/"] = {"page": c.page, "lang": c.lang, "query": c.query}
    for source in model.sources():
        for alias in source.meta.aliases or []:
            for lang in source.languages:
                out[page_url(alias, lang)] = {"page": source.rel_path, "lang": lang, "query": ""}
    return out


def addresses(model: ContentModel) -> set[str]:
    """Every address the build serves, as a path from the site root ("/fa/countries/sy/"):
    pages in every language, redirects, leaflets, the finder's postcode pages."""
    found = {page_url(p.rel_path, lang) for p in model.sources() for lang in p.languages}
    found |= set(redirects(model))
    # A poster lives only until its event is over (its short link stays): its PDF is not recorded.
    found |= {f"materials/{v.id}.pdf" for v in model.leaflets if v.expires is None}
    if model.places.rows:
        areas = [None, *model.places.areas()]
        found |= {postcode_page(lang, area) for lang in LANGUAGES for area in areas}
    return {"/" + a for a in found}
