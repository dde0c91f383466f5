"""The finder's data: the postcode table reaches every district and city of materials/regions.yml
and every row maps to one (`make check` says where not, as path:line); place names fold as
people type them; the lookup index stays small and answers the issue's cases."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest

from conftest import TODAY, make_tree, run_cli
from returnguide.model.places import fold_place
from returnguide.site import finder as site_places


@pytest.fixture(scope="module")
def model(real_model):
    return real_model  # only read here


def test_every_region_is_reached_and_every_row_maps(model):
    regions = {r.id for state in model.states.values() for r in state.regions}
    assert len(regions) == 51
    assert model.places.regions() == regions
    assert len(model.places.rows) == 3587 and all(p.region in regions for p in model.places.rows)
    by_code = {}
    for p in model.places.rows:
        by_code.setdefault(p.postcode, set()).add(p.region)
    # independent cities through their municipality key: the table's district column is empty for them
    assert by_code["54290"] == {"Stadt Trier"}
    assert by_code["24103"] == {"Stadt Kiel"}
    assert any(len(found) > 1 for found in by_code.values()), "some postcode covers two districts"


@pytest.mark.parametrize("typed,name", [
    ("bad durkheim", "Bad Dürkheim"), ("Bad Duerkheim", "Bad Dürkheim"), ("BAD-DÜRKHEIM", "Bad Dürkheim"),
    ("St. Goar", "Sankt Goar"), ("st goar", "Sankt Goar"), ("zweibrucken", "Zweibrücken"), ("Luebeck", "Lübeck"),
    ("Neustadt/Westerwald", "Neustadt/ Westerwald"),
])
def test_place_names_fold_as_people_type_them(typed, name):
    assert fold_place(typed) == fold_place(name)


def test_index_is_small_and_names_no_words_of_a_language(model):
    data = json.dumps(site_places.index(model), ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    assert len(brotli.compress(data)) <= 25 * 1024 and len(gzip.compress(data, 9)) <= 25 * 1024
    index = json.loads(data)
    assert "ODbL" in index["licence"] or "Open Database License" in index["licence"]
    names = [r[0] for r in index["regions"]]
    trier = index["regions"][names.index("Stadt Trier")]
    assert ["iom-rlp", "always_reachable"] in trier[4]
    # the first line is a whole postcode, the next ones differences
    first = index["places"].split("\n")[0]
    assert re.match(r"^\d{5}:\d+=", first)


def _check(tmp_path, change):
    docs = make_tree(tmp_path)
    postcodes = docs.parent / "materials" / "postcodes"
    change(postcodes)
    return run_cli("check", "--docs", str(docs), "--today", TODAY)


def test_a_row_that_reaches_no_region_is_an_error_at_its_line(tmp_path):
    def change(folder):
        table = folder / "plz-ort-kreis-rp-sh.csv"
        lines = table.read_text(encoding="utf-8").splitlines()
        lines[2] = "53424,Remagen,9131070,Landkreis Ahrweiler,Rheinland-Pfalz,78548"  # a key of no region
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _check(tmp_path, change)
    assert result.returncode == 1
    assert re.search(r"plz-ort-kreis-rp-sh\.csv:3: error: 53424 Remagen .* maps to no district or city: add its district key \"09131\"",
                     result.stdout), result.stdout


def test_a_region_no_postcode_reaches_is_an_error(tmp_path):
    def change(folder):
        keys = folder / "regions.yml"
        keys.write_text(keys.read_text(encoding="utf-8").replace('"07336": Landkreis Kusel', '"07336": Landkreis Kusel-Nord'), encoding="utf-8")
    result = _check(tmp_path, change)
    assert result.returncode == 1
    assert re.search(r"postcodes/regions\.yml:\d+: error: 07336: 'Landkreis Kusel-Nord' is not a district or city", result.stdout), result.stdout
    assert re.search(r"postcodes/regions\.yml:1: error: 'Landkreis Kusel' \(Rheinland-Pfalz\) is reached by no postcode", result.stdout)
