"""The one reader for YAML, front matter and the files of materials/: values with the line each
one stands on, and nothing that content never needs. Refused with the line named: anchors and
aliases (nine nested aliases expand to gigabytes), tags, duplicate keys, nesting deeper than a
page could want; in any key or value, a character that changes a text once it leaves the site
(model/characters.py), and in a registry, markup. Dates and times stay text, so the schema
parses them and names a bad one."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import characters
from .problems import Problem, display_path

MAX_BYTES = 1_000_000  # no content file comes near this; a larger one is a mistake or an attack
MAX_DEPTH = 20  # levels of nesting


class YAMLProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors, aliases, tags, duplicate keys or timestamps."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        where = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed; write the value out", where)
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(None, None, "anchors (&name) are not allowed; write the value out", where)
        if getattr(event, "tag", None) is not None and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
            raise yaml.composer.ComposerError(None, None, f"tags ({event.tag}) are not allowed; write a plain value", where)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", where)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                raise yaml.constructor.ConstructorError(None, None, "a key must be a plain text", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice (also on line {seen[key]}); keep one", key_node.start_mark)
            seen[key] = key_node.start_mark.line + getattr(self, "first_line", 1)
        return super().construct_mapping(node, deep=deep)


# Dates and times are read as text (the schema validates them): no datetime error escapes the loader.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """The data and node tree of a YAML text; YAMLProblem (with the file line) if it is refused.
    PyYAML's pure-Python parser is most of the cost of loading the model, and `make serve` reloads
    the model after every change with most files unchanged: a text read before is not parsed again
    (the caller gets its own copy of the data; the node tree is only read)."""
    data, node = _parsed(text, first_line)
    return copy.deepcopy(data), node


@lru_cache(maxsize=512)
def _parsed(text: str, first_line: int) -> tuple[Any, yaml.Node | None]:
    loader = None
    try:
        loader = StrictLoader(text)
        loader.first_line = first_line
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, node
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise YAMLProblem(first_line + (mark.line if mark else 0), str(err.problem or err.context or err)) from None
    except yaml.YAMLError as err:  # the reader: control characters
        raise YAMLProblem(first_line + getattr(err, "line", 0), str(getattr(err, "reason", None) or err)) from None
    except RecursionError:
        raise YAMLProblem(first_line, f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_text(path: Path, problems: list[Problem], max_bytes: int = MAX_BYTES) -> str | None:
    """A content file as text, or None with the problem reported: not UTF-8, a byte-order mark,
    a NUL byte, or larger than any content file should be."""
    shown = display_path(path)
    data = path.read_bytes()
    if len(data) > max_bytes:
        problems.append(Problem(shown, 1, f"is {len(data) // 1024} KB, more than {max_bytes // 1000} KB; split it or remove what does not belong"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(shown, 1, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(Problem(shown, line, f"is not UTF-8 text ({err.reason} at byte {err.start}); save it as UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(shown, text[: text.index("\x00")].count("\n") + 1, "contains a NUL byte; remove it (re-save the file as plain UTF-8 text)"))
        return None
    return text


# Fields whose text may run over several lines (a line feed; never a carriage return).
MULTILINE = frozenset({"description", "notes", "event_note"})


def unsafe_texts(node: yaml.Node | None, first_line: int = 1, *, markup: bool = False) -> list[tuple[int, str]]:
    """(line, message) for every key and value of a node tree that carries a character the rule
    of model/characters.py refuses (a line break only inside MULTILINE fields), and with markup=True
    (registries: plain text only) every one that looks like HTML."""
    return list(_unsafe_texts(node, first_line, markup))


@lru_cache(maxsize=512)
def _unsafe_texts(node: yaml.Node | None, first_line: int, markup: bool) -> tuple[tuple[int, str], ...]:
    """unsafe_texts() once per node tree: a text parsed before gives the same tree (_parsed)."""
    found: list[tuple[int, str]] = []

    def check(scalar: yaml.ScalarNode, path: tuple, is_key: bool) -> None:
        text = scalar.value if isinstance(scalar.value, str) else ""
        newline = not is_key and any(part in MULTILINE for part in path)
        # a block scalar's final line break (`title: >`) is no line of the text
        char = characters.first_unsafe(text.strip("\n"), newline=newline)
        field = ".".join(str(part) for part in path) or "the value"
        line = first_line + scalar.start_mark.line
        if char is not None:
            found.append((line, characters.message(field, char)))
        elif markup and characters.has_markup(text):
            found.append((line, f"{field}: {text[:60]!r} looks like HTML markup; this file holds plain text, "
                                "shown as it is written: write it without < and >"))

    def walk(item: yaml.Node, path: tuple) -> None:
        if isinstance(item, yaml.ScalarNode):
            check(item, path, False)
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if isinstance(key, yaml.ScalarNode):
                    check(key, path + (key.value,), True)
                walk(value, path + (key.value if isinstance(key, yaml.ScalarNode) else "?",))
        elif isinstance(item, yaml.SequenceNode):
            for i, value in enumerate(item.value):
                walk(value, path + (i,))

    if node is not None:
        walk(node, ())
    return tuple(found)


# What YAML takes for the end of a line besides the line feed: inside a line of the file (a CRLF
# line end aside) each would start a new line, a new key, for the YAML reader alone.
_OTHER_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def read_yaml_text(path: Path, problems: list[Problem]) -> str | None:
    """read_text(), and None (the problem named at its line) where a line holds a line break that
    only YAML sees: the reader would take what follows for a new line, a new key."""
    text = read_text(path, problems)
    if text is None:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        char = next((c for c in _OTHER_LINE_BREAKS if c in line), None)
        if char is not None:
            problems.append(Problem(display_path(path), number, f"contains {characters.describe(char)} inside a line, which a "
                                    "YAML reader takes for the end of the line; remove it (to break a description, use a new line)"))
            return None
    return text


def read_yaml_nodes(path: Path, problems: list[Problem]) -> tuple[Any, yaml.Node | None]:
    """A YAML file and its node tree (which knows every value's line), or (None, None) if it
    is missing or refused (the problem is reported). Every text in it is held to the rule of
    model/characters.py and carries no markup (a registry's texts are plain)."""
    if not path.is_file():
        return None, None
    text = read_yaml_text(path, problems)
    if text is None:
        return None, None
    try:
        data, node = load_yaml(text)
    except YAMLProblem as err:
        problems.append(Problem(display_path(path), err.line, f"not valid YAML here: {err.message}; fix the syntax"))
        return None, None
    problems.extend(Problem(display_path(path), line, message) for line, message in unsafe_texts(node, markup=True))
    return data, node if node is not None else yaml.ScalarNode("tag:yaml.org,2002:null", "")


def read_yaml(path: Path, problems: list[Problem]) -> dict:
    """A YAML mapping, or {} (with the problem reported)."""
    data, node = read_yaml_nodes(path, problems)
    if node is None:
        return {}
    data = data or {}
    if not isinstance(data, dict):
        problems.append(Problem(display_path(path), 1, "must be a mapping of 'key: value' entries"))
        return {}
    return data


def key_lines(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Every key path of a node tree -> its line (1-based): ("blocks", 0, "section") -> 12."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_lines(value, path + (key.value,), out)
            out[path + (key.value,)] = key.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key_lines(item, path + (i,), out)
    return out
