"""Postcodes and places of the two states (materials/postcodes/), each mapped to a district or
independent city of materials/regions.yml through its district key (the first five digits of
the municipality key, AGS). Read and validated once; the checks layer judges coverage, the site
writes the finder's index and the postcode pages from it.

Place names fold for matching as people type them: any case, without accents or umlauts
(ü = ue = u, ß = ss), hyphens and dots as spaces, "Sankt" and "St." alike. The rules are
written once here and travel in the index to finder.js, so the browser folds the same way.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import characters, text
from .problems import Problem, display_path
from .yamlio import key_lines, read_text, read_yaml_nodes

DATA = "postcodes/plz-ort-kreis-rp-sh.csv"  # under materials/
KEYS = "postcodes/regions.yml"
COLUMNS = ("plz", "ort", "ags", "landkreis", "bundesland")
STATES = {"Rheinland-Pfalz": "DE-RP", "Schleswig-Holstein": "DE-SH"}
POSTCODE = re.compile(r"^\d{5}$")
MAX_TABLE_BYTES = 20_000_000  # the table of all of Germany is about 2 MB
# The separators of the finder's index (site/finder.py writes places as `54290:35=Trier,Trier-Nord`):
# a place name holding one could not be stored there.
INDEX_SEPARATORS = re.compile(r"[\n:;=,]")

# After text.fold (lower case, accents dropped: ü -> u): applied in this order, by Python here
# and by finder.js (the same patterns are valid in both).
PLACE_RULES = (
    ("ß", "ss"),
    ("([aou])e", "$1"),  # ae, oe, ue: the way umlauts are typed without them
    ("[^a-z0-9]+", " "),  # hyphens, dots, brackets, slashes
    ("\\bsankt\\b", "st"),
    ("^ +| +$", ""),
)


def fold_place(name: str) -> str:
    """A place name or a query as the finder compares them: "Bad Dürkheim" -> "bad durkheim"."""
    folded = text.fold(name)
    for pattern, replacement in PLACE_RULES:
        folded = re.sub(pattern, replacement.replace("$1", r"\1"), folded)
    return folded


@dataclass(frozen=True)
class Place:
    postcode: str  # "54290"
    name: str  # "Trier", as written in German
    ags: str  # eight digits: "07211000"
    region: str | None  # "Stadt Trier", or None when the district key is not in KEYS
    line: int  # line in the CSV file


@dataclass
class Places:
    path: str = ""  # the CSV as messages name it
    keys_path: str = ""
    rows: list[Place] = field(default_factory=list)
    keys: dict[str, tuple[str, int]] = field(default_factory=dict)  # district key -> (region id, line)
    district_names: dict[int, str] = field(default_factory=dict)  # CSV line -> the `landkreis` column

    def regions(self) -> set[str]:
        return {p.region for p in self.rows if p.region}

    def areas(self) -> list[str]:
        """The postcode areas (first two digits) the table covers: one finder page each."""
        return sorted({p.postcode[:2] for p in self.rows})


def load(materials_dir: Path, problems: list[Problem]) -> Places:
    """The postcode table and the district keys; a row that cannot be read is reported with its line."""
    data, keys = materials_dir / DATA, materials_dir / KEYS
    places = Places(display_path(data), display_path(keys))
    if not data.is_file():
        problems.append(Problem(places.path, 1, "the postcode table is missing; copy it from the source named in materials/postcodes/README.md"))
        return places
    raw, node = read_yaml_nodes(keys, problems)
    if not isinstance(raw, dict):
        problems.append(Problem(places.keys_path, 1, "give each district key (five digits in quotes) the region it belongs to: \"07211\": Stadt Trier"))
        raw, node = {}, None
    lines = key_lines(node) if node is not None else {}
    for key, region in raw.items():
        line = lines.get((key,), 1)
        if not (isinstance(key, str) and re.fullmatch(r"\d{5}", key)) or not isinstance(region, str):
            problems.append(Problem(places.keys_path, line, f"{key!r}: a district key is five digits in quotes and names one region"))
            continue
        places.keys[key] = (region, line)

    source = read_text(data, problems, max_bytes=MAX_TABLE_BYTES)
    if source is None:
        return places
    rows, district_names, found = _read_table(source, places.path, tuple(sorted(places.keys.items())))
    places.rows, places.district_names = list(rows), dict(district_names)
    problems.extend(found)
    return places


@lru_cache(maxsize=4)
def _read_table(source: str, shown: str, keys: tuple) -> tuple[tuple[Place, ...], dict[int, str], tuple[Problem, ...]]:
    """The rows of the table (its 3,500 lines are read once per content: `make serve` and the
    tests load the model again and again), with the district names and the problems."""
    places, problems = Places(shown, keys=dict(keys)), []
    reader = csv.DictReader(io.StringIO(source, newline=""))
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(Problem(places.path, 1, f"columns {', '.join(missing)} are missing; the header must name {', '.join(COLUMNS)}"))
            return (), {}, tuple(problems)
        while True:
            line = reader.line_num + 1  # where the row starts (a quoted cell may run over lines)
            row = next(reader, None)
            if row is None:
                break
            _read_row(places, row, line, problems)
    except csv.Error as err:
        problems.append(Problem(places.path, reader.line_num, f"is not readable as CSV here ({err}); fix the quoting of this row"))
    return tuple(places.rows), places.district_names, tuple(problems)


def _read_row(places: Places, row: dict, line: int, problems: list[Problem]) -> None:
    """One row of the table, or its problem: the cells the finder stores must be plain text it can store."""
    cells = {column: row.get(column) if isinstance(row.get(column), str) else "" for column in COLUMNS}
    for column, cell in cells.items():
        if "\n" in cell or "\r" in cell:
            problems.append(Problem(places.path, line, f"{column}: a line break inside a cell (a quote left open?); "
                                                       "every place is one line of the table"))
            return
        if (char := characters.first_unsafe(cell)) is not None:
            problems.append(Problem(places.path, line, characters.message(column, char)))
            return
    postcode, name, ags = cells["plz"].strip(), cells["ort"].strip(), cells["ags"].strip()
    if not POSTCODE.match(postcode) or not name or not ags.isdigit() or len(ags) > 8 or cells["bundesland"] not in STATES:
        problems.append(Problem(places.path, line, f"row {postcode},{name},{ags},…,{cells['bundesland']}: needs a five-digit postcode, a place, "
                                                   "a municipality key and the state (Rheinland-Pfalz or Schleswig-Holstein)"))
        return
    if INDEX_SEPARATORS.search(name):
        problems.append(Problem(places.path, line, f"ort: {name!r} holds one of : ; = , which the finder's index uses to separate "
                                                   "places; write the name without it (a hyphen or a space instead)"))
        return
    ags = ags.zfill(8)
    region = places.keys.get(ags[:5], (None, 0))[0]
    places.rows.append(Place(postcode, name, ags, region, line))
    places.district_names[line] = cells["landkreis"].strip()
