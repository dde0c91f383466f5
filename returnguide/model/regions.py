"""The districts and cities of the two states (materials/regions.yml), their names in each
language's script (materials/place-names.yml), the regions that border each other and the dead
ends nobody can close yet. Problems name the file's line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import validators
from .languages import LANGUAGES
from .problems import Problem, display_path
from .yamlio import key_lines, read_yaml, read_yaml_nodes


@dataclass(frozen=True)
class Region:
    state: str  # ISO 3166-2, e.g. DE-RP
    id: str  # "Landkreis Kusel", "Stadt Trier": what locations write in `serves:`
    name: str  # the German name, as on the signs
    kind: str  # "district" or "city"
    # The name in each language's script (materials/place-names.yml); German where none is given.
    names: dict = field(default_factory=dict, compare=False, hash=False)

    def local_name(self, lang: str) -> str:
        return self.names.get(lang) or self.name


@dataclass
class State:
    code: str
    name: str
    regions: list[Region]
    names: dict = field(default_factory=dict)  # language -> name (materials/place-names.yml)
    # Region id -> the ids of the regions that border it, as materials/regions.yml declares them
    # (`neighbours:`); the shared postcodes of the postcode table add theirs (model/routing.py).
    neighbours: dict = field(default_factory=dict)
    neighbours_line: dict = field(default_factory=dict)  # region id -> line in regions.yml
    region_line: dict = field(default_factory=dict)  # region id -> its line in regions.yml
    # A dead end nobody can close yet (`contact_gap:` in regions.yml: why, and the day it was
    # last looked for): its regions are reported as warnings instead of errors, never hidden.
    contact_gap: dict | None = None
    contact_gap_line: int = 1

    def local_name(self, lang: str) -> str:
        return self.names.get(lang) or self.name


def load_states(path: Path, problems: list[Problem]) -> dict[str, State]:
    """The districts and cities of materials/regions.yml."""
    data, shown = read_yaml(path, problems), display_path(path)
    states = {}
    names = load_place_names(path.parent / PLACE_NAMES, problems)
    for code, entry in data.items():
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str)
                and all(isinstance(entry.get(k), list) and all(isinstance(n, str) and n.strip() for n in entry[k]) for k in ("districts", "cities"))):
            problems.append(Problem(shown, 1, f"{code}: needs 'name' (text) and 'districts' and 'cities' (lists of names, each as text)"))
            continue
        try:
            regions = [Region(code, f"Landkreis {n}", n, "district", names.get(n, {})) for n in entry["districts"]]
            regions += [Region(code, f"Stadt {n}", n, "city", names.get(n, {})) for n in entry["cities"]]
            states[code] = State(code, entry["name"], regions, names.get(entry["name"], {}))
            _, node = read_yaml_nodes(path, [])
            lines = key_lines(node) if node is not None else {}
            for i, n in enumerate(entry["districts"]):
                states[code].region_line[f"Landkreis {n}"] = lines.get((code, "districts", i), 1)
            for i, n in enumerate(entry["cities"]):
                states[code].region_line[f"Stadt {n}"] = lines.get((code, "cities", i), 1)
        except (KeyError, TypeError) as err:
            problems.append(Problem(shown, 1, f"{code}: needs 'name', 'districts' and 'cities' ({err})"))
            continue
        _load_neighbours(path, states[code], entry.get("neighbours"), problems)
        _load_contact_gap(path, states[code], entry.get("contact_gap"), problems)
    return states


def _load_contact_gap(path: Path, state: State, declared: Any, problems: list[Problem]) -> None:
    """`contact_gap:` of a state: {reason: why no published contact can be reached yet,
    checked: the day the sources were last searched}."""
    if declared is None:
        return
    _, node = read_yaml_nodes(path, [])
    line = (key_lines(node) if node is not None else {}).get((state.code, "contact_gap"), 1)
    try:
        gap = validators.mapping({"reason": validators.Field(validators.text, required=True),
                              "checked": validators.Field(validators.iso_date, required=True)})(declared)
    except validators.Invalid as err:
        problems.append(Problem(display_path(path), line, f"{state.code}: contact_gap: {err}; write why no contact is confirmed "
                                                          "(reason:) and the day you last searched the sources (checked:)"))
        return
    state.contact_gap, state.contact_gap_line = gap, line


def _load_neighbours(path: Path, state: State, declared: Any, problems: list[Problem]) -> None:
    """`neighbours:` of a state: region id -> the region ids that border it (both ways)."""
    if declared is None:
        return
    shown, known = display_path(path), {r.id for r in state.regions}
    _, node = read_yaml_nodes(path, [])
    lines = key_lines(node) if node is not None else {}
    if not isinstance(declared, dict):
        problems.append(Problem(shown, lines.get((state.code, "neighbours"), 1), f"{state.code}: neighbours: give each region id the list of region ids that border it"))
        return
    for region, others in declared.items():
        line = lines.get((state.code, "neighbours", region), 1)
        state.neighbours_line[region] = line
        if region not in known or not isinstance(others, list) or not all(o in known for o in others):
            problems.append(Problem(shown, line, f"neighbours: {region!r}: {others!r} — every name must be a district or city of {state.code}, "
                                                 "written 'Landkreis …' or 'Stadt …'"))
            continue
        for other in others:
            state.neighbours.setdefault(region, set()).add(other)
            state.neighbours.setdefault(other, set()).add(region)


PLACE_NAMES = "place-names.yml"  # beside regions.yml


def load_place_names(path: Path, problems: list[Problem]) -> dict[str, dict[str, str]]:
    """German name -> language -> the name in that language's script (materials/place-names.yml)."""
    if not path.is_file():
        return {}
    data, shown = read_yaml(path, problems), display_path(path)
    _, node = read_yaml_nodes(path, [])
    lines = key_lines(node) if node is not None else {}
    found = {}
    for german, forms in (data or {}).items():
        if not isinstance(forms, dict) or not all(k in LANGUAGES and isinstance(v, str) and v.strip() for k, v in forms.items()):
            problems.append(Problem(shown, lines.get((german,), 1), f"{german!r}: give the name per language code ({', '.join(LANGUAGES)}), each as text"))
            continue
        found[str(german)] = {k: v.strip() for k, v in forms.items()}
    return found
