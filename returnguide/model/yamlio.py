"""The one reader for YAML files of materials/: values with the line each one stands on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, display_path


def read_yaml_nodes(path: Path, problems: list[Problem]) -> tuple[Any, yaml.Node | None]:
    """A YAML file and its node tree (which knows every value's line), or (None, None) if it
    is missing or not valid YAML (the problem is reported)."""
    if not path.is_file():
        return None, None
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return None, yaml.ScalarNode("tag:yaml.org,2002:null", "")
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_document(node), node
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else 1
        problems.append(Problem(display_path(path), line, f"not valid YAML: {err.problem}; fix the syntax"))
        return None, None


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
    """Every key path of a node tree -> its line (1-based): (\"blocks\", 0, \"section\") -> 12."""
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
