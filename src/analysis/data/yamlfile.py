"""The project's own YAML files (each step's ``<module>.meta.yml``, the fact-check claims files),
read one way: parsed once, with PyYAML's safe loader, and a map key given twice refused instead of
silently keeping the last value. Each reader turns :class:`YamlFileError` into its own one-line error."""

from __future__ import annotations

from pathlib import Path

import yaml


class YamlFileError(ValueError):
    """A YAML file that does not parse, or holds a map key twice: the line (when known) and the key."""

    def __init__(self, message: str, *, line: int | None = None, key: str | None = None):
        super().__init__(message)
        self.message, self.line, self.key = message, line, key


def read_yaml(path: Path) -> tuple[object, yaml.Node | None]:
    """The document in the file at ``path`` and its node tree (for the line of each record).
    An unreadable file raises :class:`OSError`."""
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_duplicate_keys(node)
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise YamlFileError(f"not valid YAML ({problem})", line=mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()


def _refuse_duplicate_keys(node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise YamlFileError("key given twice in one map", line=key.start_mark.line + 1, key=key.value)
                seen.add(key.value)
            _refuse_duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item)
