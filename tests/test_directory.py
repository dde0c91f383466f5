"""The counselling directory of the real content: every district and city leads to
counselling, location pages have one-tap contacts, a vCard and schema.org data, and every
phone number and e-mail address on the site traces to ../shared/FACTS.md."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import FACTS, ROOT, SHARED_FACTS
from returnguide.model import validators


def test_the_copy_of_facts_md_is_current():
    """The tests read a copy; where ../shared lies beside the clone, the copy must equal it."""
    assert FACTS.is_file()
    if SHARED_FACTS.is_file():
        assert FACTS.read_bytes() == SHARED_FACTS.read_bytes(), "copy ../shared/FACTS.md to tests/fixtures/shared/FACTS.md"


def facts_list(heading: str) -> list[str]:
    text = FACTS.read_text(encoding="utf-8")
    block = text.split(heading, 1)[1].split("\n\n", 1)[0].split("\n", 1)[1]
    return [name.strip().rstrip(".") for name in " ".join(block.split("\n")).split(";")]


def test_regions_are_those_of_facts_md():
    regions = yaml.safe_load((ROOT / "materials" / "regions.yml").read_text(encoding="utf-8"))["DE-RP"]
    assert regions["districts"] == facts_list("## Rhineland-Palatinate: the 24 districts (Landkreise)")
    assert regions["cities"] == facts_list("## Rhineland-Palatinate: the 12 independent cities (kreisfreie Städte)")
    assert (len(regions["districts"]), len(regions["cities"])) == (24, 12)


@pytest.mark.parametrize("prefix", ["", "en/", "ar/", "fa/"])
def test_every_district_and_city_leads_to_counselling(built_site, prefix):
    regions = yaml.safe_load((ROOT / "materials" / "regions.yml").read_text(encoding="utf-8"))
    html = (built_site / prefix / "locations" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<details class="rg-region".*?<summary>[^\n]*?<bdi lang="de" dir="ltr">(.*?)</bdi>.*?</summary>(.*?)</details>', html, re.S)
    found = {}
    for name, body in blocks:
        found.setdefault(name, []).append(body)
    for state in regions.values():
        for name in state["districts"] + state["cities"]:
            assert name in found, f"{name} missing from the finder ({prefix or 'de'})"
    for name, bodies in found.items():
        for body in bodies:
            assert "<li>" in body, f"{name}: no counselling option"
    # Rhineland-Palatinate: each place reaches the hotline with one tap
    rp = regions["DE-RP"]["districts"] + regions["DE-RP"]["cities"]
    assert sum(len(found[n]) for n in set(rp)) == 36
    for name in rp:
        assert all('href="tel:+4962321001000"' in body for body in found[name]), name
    # Schleswig-Holstein: never the authority; where nothing is confirmed, it says so
    for name in regions["DE-SH"]["districts"] + regions["DE-SH"]["cities"]:
        assert all("lazuf-sh" not in body for body in found[name]), name
    assert "rg-region__unconfirmed" in found["Flensburg"][0] and "rg-region__unconfirmed" not in found["Kiel"][0]
    assert "diakonie-sh-rueckkehrberatung" in found["Kiel"][0]


@pytest.mark.parametrize("prefix,kiel,state", [("ar/", "كيل", "شليسفيغ-هولشتاين"), ("fa/", "کیل", "شلسویگ-هولشتاین")])
def test_place_names_in_the_readers_script_with_the_german_beside(built_site, prefix, kiel, state):
    html = (built_site / prefix / "locations" / "index.html").read_text(encoding="utf-8")
    # the German name with its brackets kept on one line (rg-nowrap)
    assert f'<summary><bdi>{kiel}</bdi> <span class="rg-nowrap">(<bdi lang="de" dir="ltr">Kiel</bdi>)</span>' in html
    assert f'<bdi>{state}</bdi> <span class="rg-nowrap">(<bdi lang="de" dir="ltr">Schleswig-Holstein</bdi>)</span>' in html
    # the authority apart, as what it is; not among the counselling (nor in any district's list)
    content = html.split('id="finder"', 1)[1]
    counselling, authorities = content.split('id="authorities"', 1)
    assert 'href="../lazuf-sh/"' not in counselling and "lazuf-sh/" not in counselling, counselling[:200]
    assert "lazuf-sh/" in authorities.split("</ul>", 1)[0]
    postcodes = (built_site / prefix / "locations" / "postcodes" / "24" / "index.html").read_text(encoding="utf-8")
    assert f'<bdi>{kiel}</bdi> <span class="rg-nowrap">(<bdi lang="de" dir="ltr">Kiel</bdi>)</span>' in postcodes
    assert "rg-region__unconfirmed" in postcodes  # Flensburg, Schleswig-Flensburg
    location = (built_site / prefix / "locations" / "iom-rlp-mobile" / "index.html").read_text(encoding="utf-8")
    assert '(<bdi lang="de" dir="ltr">Rheinland-Pfalz</bdi>)' in location


def test_location_page_has_contacts_vcard_and_structured_data(built_site):
    for prefix in ("", "ar/", "fa/"):
        html = (built_site / prefix / "locations" / "iom-rlp" / "index.html").read_text(encoding="utf-8")
        assert 'href="tel:+4962321001000"' in html and 'href="mailto:iomdeberatung-rlp@iom.int"' in html
        vcard_href = re.search(r'<a href="([^"]+\.vcf)" download>', html).group(1)
        vcard = (built_site / prefix / "locations" / "iom-rlp" / vcard_href).resolve().read_bytes().decode("utf-8")
        assert vcard.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and "TEL;TYPE=WORK,VOICE:+4962321001000\r\n" in vcard
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["@context"] == "https://schema.org"
        assert data["availableChannel"]["servicePhone"]["telephone"] == "+4962321001000"
    # a reception-centre office without its own phone is reached through the hotline
    html = (built_site / "fa" / "locations" / "iom-afa-hermeskeil" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+4962321001000"' in html


def test_no_embedded_map_or_third_party_frame(built_site):
    for page in built_site.rglob("*.html"):
        assert "<iframe" not in page.read_text(encoding="utf-8"), page


def test_every_phone_and_email_on_the_site_traces_to_facts_md(built_site):
    facts = FACTS.read_text(encoding="utf-8")
    known_phones = {validators.phone(m).e164 for m in re.findall(r"\+\d[\d ]{7,}\d", facts)}
    known_emails = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", facts))
    assert known_phones and known_emails
    seen_phones, seen_emails = set(), set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        seen_phones |= set(re.findall(r'href="tel:(\+\d+)"', html))
        seen_emails |= set(re.findall(r'href="mailto:([^"?]+)"', html))
    assert seen_phones and seen_phones <= known_phones, seen_phones - known_phones
    assert seen_emails and seen_emails <= known_emails, seen_emails - known_emails
