"""Which counselling each district and city names (returnguide/model/routing.py), and the names
of places in the reader's script: authorities are never offered as independent counselling;
a Schleswig-Holstein district without confirmed counselling says so and names the nearest;
every Rhineland-Palatinate district lists the hotline, the mobile counselling and the
reception-centre office in or near it; `make check` proves the rule for every region."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, TODAY, make_tree, run_cli
from returnguide.checks import postcodes as place_checks
from returnguide.model import routing
from returnguide.model.content import load_model
from returnguide.model.languages import LANGUAGES
from returnguide.site import directory


@pytest.fixture(scope="module")
def model(real_model):
    return real_model  # only read here


def _region(model, region_id):
    return next(r for s in model.states.values() for r in s.regions if r.id == region_id)


def test_no_region_is_offered_an_authority_and_every_region_names_counselling(model):
    locations = model.locations()
    assert locations["lazuf-sh"].meta.kind == "authority"
    for state in model.states.values():
        assert any(loc.meta.serves for loc in locations.values() if loc.meta.state == state.code)
        for region in state.regions:
            options = routing.counselling(model, region)
            assert options, region.id
            assert all(not routing.is_authority(locations[stem]) for stem, _ in options), region.id
    assert place_checks.routing_rule(model) == []


def test_schleswig_holstein_names_its_own_counselling_or_says_none_is_confirmed(model):
    assert routing.counselling(model, _region(model, "Stadt Kiel")) == [("diakonie-sh-rueckkehrberatung", "on_site")]
    assert routing.counselling(model, _region(model, "Landkreis Nordfriesland")) == [("diakonie-husum-nordfriesland", "on_site")]
    # Flensburg: none confirmed; two borders away (through Schleswig-Flensburg) Nordfriesland and Rendsburg-Eckernförde
    flensburg = routing.counselling(model, _region(model, "Stadt Flensburg"))
    assert routing.none_confirmed(flensburg)
    assert {stem for stem, how in flensburg} == {"diakonie-husum-nordfriesland", "diakonie-sh-rueckkehrberatung"}
    assert {how for _, how in flensburg} == {"nearest"}
    ostholstein = routing.counselling(model, _region(model, "Landkreis Ostholstein"))
    assert ostholstein == [("diakonie-sh-rueckkehrberatung", "nearest")]  # Lübeck and Segeberg border it
    assert routing.nearest_regions(model, _region(model, "Landkreis Ostholstein")) == ["Landkreis Segeberg", "Stadt Lübeck"]
    assert routing.nearest_regions(model, _region(model, "Stadt Flensburg")) == ["Landkreis Nordfriesland", "Landkreis Rendsburg-Eckernförde"]
    assert routing.nearest_regions(model, _region(model, "Stadt Kiel")) == []


def test_rhineland_palatinate_lists_hotline_mobile_and_reception_centre(model):
    for region in model.states["DE-RP"].regions:
        stems = dict(routing.counselling(model, region))
        assert stems.get("iom-rlp") == "always_reachable" and stems.get("iom-rlp-mobile") == "mobile_on_request", region.id
    assert dict(routing.counselling(model, _region(model, "Stadt Trier")))["iom-afa-trier"] == "reception_centre_here"
    saarburg = dict(routing.counselling(model, _region(model, "Landkreis Trier-Saarburg")))
    assert saarburg["iom-afa-hermeskeil"] == "reception_centre_here"
    assert saarburg["iom-afa-bitburg"] == "reception_centre_nearby"  # Eifelkreis Bitburg-Prüm shares a postcode with it
    # the order people read: hotline, mobile, then the reception centres
    assert [how for _, how in routing.counselling(model, _region(model, "Landkreis Kusel"))] == [
        "always_reachable", "mobile_on_request", "reception_centre_here"]


def test_every_place_name_in_every_language(model):
    assert place_checks.place_names(model) == []
    for state in model.states.values():
        for names in [state.names] + [r.names for r in state.regions]:
            # every language but German and those that show the German names (Turkish)
            assert {c for c, lang in LANGUAGES.items() if c != "de" and not lang.german_place_names} <= set(names)
            assert not re.search("[يك]", names["fa"]), names["fa"]  # Persian ی and ک
            assert re.search("[\u0600-\u06ff]", names["ar"]) and re.search("[\u0600-\u06ff]", names["fa"])
    assert _region(model, "Stadt Trier").names["ar"] == "ترير" and _region(model, "Stadt Trier").names["fa"] == "تریر"


def test_directory_shows_local_names_with_german_beside_and_authorities_apart(model):
    fa = directory.directory_view(model, LANGUAGES["fa"])
    sh = next(s for s in fa["states"] if s["code"] == "DE-SH")
    assert sh["place"] == {"local": "شلسویگ-هولشتاین", "de": "Schleswig-Holstein", "same": False}
    kiel = next(r for r in sh["regions"] if r["id"] == "Stadt Kiel")
    assert kiel["place"]["local"] == "کیل" and kiel["place"]["de"] == "Kiel" and not kiel["none_confirmed"]
    flensburg = next(r for r in sh["regions"] if r["id"] == "Stadt Flensburg")
    assert flensburg["none_confirmed"]
    assert [c["id"] for c in fa["authorities"]] == ["lazuf-sh"]
    assert "lazuf-sh" not in [c["id"] for c in fa["cards"]]
    de = directory.directory_view(model, LANGUAGES["de"])
    assert next(s for s in de["states"] if s["code"] == "DE-SH")["place"]["same"]


def _check(tmp_path, files: dict[str, str], regions_edit=None):
    docs = make_tree(tmp_path)
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    if regions_edit:
        regions = docs.parent / "materials" / "regions.yml"
        regions.write_text(regions_edit(regions.read_text(encoding="utf-8")), encoding="utf-8")
    return run_cli("check", "--docs", str(docs), "--today", TODAY)


def _location(kind: str, state: str, extra: str) -> str:
    return (f"---\ntype: location\ntitle: Stelle\ndescription: Eine Stelle.\nupdated: 2026-11-01\nstatus: draft\noperator: Test\n"
            f"kind: {kind}\nstate: {state}\n{extra}sources:\n  - https://www.example.org/\n---\n\n# Stelle\n\nText.\n")


def test_a_district_without_counselling_and_without_neighbours_is_an_error(tmp_path):
    # counselling in Kiel only, and no neighbours declared: Lübeck shares no postcode, so nothing is near
    kiel = _location("office", "DE-SH", "serves:\n  - Stadt Kiel\n")
    result = _check(tmp_path, {"de/locations/kiel.md": kiel}, lambda text: text.split("  # Which districts")[0])
    assert result.returncode == 1
    assert re.search(r"regions\.yml:6[0-9]: error: Stadt Lübeck \(Schleswig-Holstein\): no independent counselling of its own and none near it",
                     result.stdout), result.stdout


def test_an_authority_serving_every_district_does_not_count_as_counselling(tmp_path):
    authority = _location("authority", "DE-SH", "serves: statewide\n")
    kiel = _location("office", "DE-SH", "serves:\n  - Stadt Kiel\n")
    result = _check(tmp_path, {"de/locations/amt.md": authority, "de/locations/kiel.md": kiel},
                    lambda text: text.split("  # Which districts")[0])
    assert result.returncode == 1
    assert "Stadt Lübeck (Schleswig-Holstein): no independent counselling" in result.stdout
    # with the neighbours, every district finds Kiel's counselling: nearest, never the authority
    result = _check(tmp_path / "2", {"de/locations/amt.md": authority, "de/locations/kiel.md": kiel})
    assert "no independent counselling" not in result.stdout, result.stdout


def test_neighbours_must_include_regions_sharing_a_postcode(tmp_path):
    result = _check(tmp_path, {}, lambda text: text.replace(
        "    Stadt Kiel: [Landkreis Rendsburg-Eckernförde, Landkreis Plön]\n", "    Stadt Kiel: [Landkreis Plön]\n").replace(
        "Landkreis Rendsburg-Eckernförde: [Landkreis Schleswig-Flensburg,", "Landkreis Rendsburg-Eckernförde: [Landkreis Plön, Landkreis Schleswig-Flensburg,"))
    assert re.search(r"regions\.yml:\d+: error: neighbours: Landkreis Rendsburg-Eckernförde and Stadt Kiel share a postcode", result.stdout), result.stdout


def test_a_reception_centre_town_must_name_one_region(tmp_path):
    office = _location("reception-centre-office", "DE-RP", "town: Neustadt\n")
    result = _check(tmp_path, {"de/locations/afa.md": office})
    assert re.search(r"afa\.md:\d+: error: town: 'Neustadt' lies in .*; write the town as the table does", result.stdout), result.stdout


def test_a_place_name_missing_a_language_is_a_warning(tmp_path):
    docs = make_tree(tmp_path)
    names = docs.parent / "materials" / "place-names.yml"
    names.write_text(names.read_text(encoding="utf-8").replace("Kiel: {en: Kiel, ar: كيل, fa: کیل,", "Kiel: {en: Kiel, ar: كيل,"), encoding="utf-8")
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert re.search(r"place-names\.yml:1: warning: 'Kiel' has no name in fa", result.stdout), result.stdout


# No dead ends: the fixture overlays under tests/fixtures/routing/ are laid over the good tree in
# order. "reachable": a statewide mobile counselling in Rhineland-Palatinate reached through the
# (published) hotline, and a published office in Kiel with an e-mail address that every other
# Schleswig-Holstein district finds as the nearest; the others break one link of that chain.
def _reach(tmp_path, *layers: str, gap: bool = False):
    docs = make_tree(tmp_path)
    regions_file = docs.parent / "materials" / "regions.yml"
    # the real regions.yml acknowledges Schleswig-Holstein's gap; these tests judge the rule itself
    text = re.sub(r"\n  contact_gap:\n(    .*\n)+", "\n", regions_file.read_text(encoding="utf-8"))
    if gap:
        text = text.replace("  name: Schleswig-Holstein\n", "  name: Schleswig-Holstein\n  contact_gap:\n"
                                                            "    reason: No public page gives a contact yet.\n    checked: 2026-12-01\n")
    regions_file.write_text(text, encoding="utf-8")
    for layer in layers:
        shutil.copytree(FIXTURES / "routing" / layer, docs, dirs_exist_ok=True)
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    regions = (docs.parent / "materials" / "regions.yml").read_text(encoding="utf-8").splitlines()
    dead = {m.group(2): int(m.group(1)) for m in re.finditer(
        rf"^{re.escape(str(docs.parent))}/materials/regions\.yml:(\d+): error: (.+?) \([^)]*\): no published phone number or e-mail",
        result.stdout, re.MULTILINE)}
    return result, regions, dead


def _line(regions: list[str], state: str, region_id: str) -> int:
    """The line of a district or city in regions.yml, found in the file itself."""
    kind, name = region_id.split(" ", 1)
    section = regions.index("  districts:" if kind == "Landkreis" else "  cities:", regions.index(f"{state}:"))
    return regions.index(f"    - {name}", section) + 1


def test_every_region_reaching_a_published_phone_or_email_passes(tmp_path):
    result, _, dead = _reach(tmp_path, "reachable")
    assert dead == {}, result.stdout
    assert "regions.yml" not in "\n".join(l for l in result.stdout.splitlines() if ": error: " in l), result.stdout


def test_a_region_that_reaches_only_a_draft_is_named_at_its_line(tmp_path):
    result, regions, dead = _reach(tmp_path, "reachable", "unreachable")
    assert result.returncode == 1
    sh = [r for s in load_model(tmp_path / "docs", tmp_path / "materials").states.values() if s.code == "DE-SH" for r in s.regions]
    assert set(dead) == {r.id for r in sh}, result.stdout  # Kiel's office is a draft: no district of the state reaches a number
    for region_id, line in dead.items():
        assert line == _line(regions, "DE-SH", region_id), (region_id, line)
    assert "Stadt Kiel (Schleswig-Holstein): no published phone number or e-mail address is reached: the routing offers kiel " \
           "(a draft, its phone or e-mail not confirmed, no contact_via)" in result.stdout


def test_a_known_gap_keeps_every_dead_end_in_view_as_a_warning(tmp_path):
    result, regions, dead = _reach(tmp_path, "reachable", "unreachable", gap=True)
    assert dead == {} and result.returncode == 0, result.stdout
    warned = re.findall(r"regions\.yml:(\d+): warning: (.+?) \(Schleswig-Holstein\): no published phone number .* "
                        r"\(a known gap, line \d+: searched 2026-12-01\)", result.stdout)
    assert len(warned) == 15 and ("Stadt Kiel" in dict((b, a) for a, b in warned)), result.stdout


def test_a_gap_that_is_closed_must_be_removed(tmp_path):
    result, _, _ = _reach(tmp_path, "reachable", gap=True)
    assert result.returncode == 1
    assert re.search(r"regions\.yml:\d+: error: DE-SH: contact_gap: every district and city reaches a published contact now; "
                     r"remove contact_gap", result.stdout), result.stdout


def test_contact_via_counts_only_when_it_ends_at_a_published_record(tmp_path):
    result, _, dead = _reach(tmp_path, "reachable", "via-draft")
    assert result.returncode == 1
    assert len(dead) == 36 and all(r.startswith(("Landkreis", "Stadt")) for r in dead)  # every district and city of Rhineland-Palatinate
    assert "the routing offers mobil (published, no phone or e-mail, contact_via hotline: a draft, its phone or e-mail " \
           "not confirmed, no contact_via)" in result.stdout
    assert not any("Schleswig-Holstein" in line for line in result.stdout.splitlines() if "no published phone" in line)


def test_an_authoritys_phone_is_never_the_way_to_counselling(tmp_path):
    result, _, dead = _reach(tmp_path, "reachable", "via-authority")
    assert result.returncode == 1
    assert "Stadt Kiel" in dead and len(dead) == 15  # 11 districts and 4 cities of Schleswig-Holstein
    assert "the routing offers kiel (published, no phone or e-mail, contact_via amt is an authority)" in result.stdout


def test_real_content_reaches_a_published_contact_everywhere_it_can(model):
    # Rhineland-Palatinate: every district and city reaches the IOM hotline (phone and e-mail, published).
    for region in model.states["DE-RP"].regions:
        assert "iom-rlp" in {contact for _, _, contact in routing.reached_contacts(model, region)}, region.id
    # Schleswig-Holstein: no public page of the Diakonie gives a phone number or an e-mail address for its
    # return counselling (searched 2026-12-03), so its records are drafts and make check names every region
    # there; a problem outside that state would be a new dead end.
    dead = place_checks.contact_reach(model)
    sh = {r.id for r in model.states["DE-SH"].regions}
    assert {p.message.split(" (")[0] for p in dead} <= sh, [p.message for p in dead]
    # ... as warnings, because regions.yml says why (contact_gap); nothing else is a dead end
    assert model.states["DE-SH"].contact_gap and all(p.severity == "warning" for p in dead)
    assert all(p.path.endswith("materials/regions.yml") for p in dead)
