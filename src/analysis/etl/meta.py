"""A step's resource metadata, read from the YAML file beside its module (``<module>.meta.yml``).

The file holds everything declarative about the step's tables: a ``sources`` map (key → ``title``,
``path``, ``publisher``) that resources cite by key, so a source shared by several tables is
written once, and ``resources`` in package order, each with ``name``, ``folder``, ``title``,
``description``, ``sources`` (keys), ``fields`` (``name``, ``type``, ``description``, ``unit``,
``constraints``; date fields get ``format: "%Y-%m-%d"`` from :func:`~analysis.etl.resource.field_`),
``primary_key`` and, where they apply, ``foreign_keys`` (Table Schema form), ``depends_on``,
``missing_values``, ``period`` (``field``, ``type``), ``status_field`` and ``row_sources``
(``title``, ``path``: the columns each row cites its release with). The module keeps the derive
functions and binds them by resource name::

    RESOURCES = resources_from_meta(__file__, derive={"country_indicators": derive_indicators})

Anything off in the file (a YAML error, an unknown or missing key, a source key not defined, a
resource without a derive function or a function without a resource, an unknown period type)
raises :class:`MetadataError`: one line naming the file, the resource and the key.
"""

from __future__ import annotations

from pathlib import Path

from analysis.data.yamlfile import YamlFileError, read_yaml
from analysis.etl.resource import PERIOD_TYPES, Deriver, Resource, field_

SUFFIX = ".meta.yml"

TOP_KEYS = {"sources": False, "resources": True}  # key -> required
SOURCE_KEYS = {"title": True, "path": False, "publisher": False}
RESOURCE_KEYS = {
    "name": True, "folder": True, "title": True, "description": True, "sources": True, "fields": True, "primary_key": True,
    "foreign_keys": False, "depends_on": False, "missing_values": False, "period": False, "status_field": False,
    "row_sources": False,
}
FIELD_KEYS = {"name": True, "type": True, "description": True, "unit": False, "constraints": False}
CONSTRAINTS = ["required", "unique", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
               "pattern", "enum"]
FOREIGN_KEY_KEYS = {"fields": True, "reference": True}
REFERENCE_KEYS = {"resource": True, "fields": True}
PERIOD_KEYS = {"field": True, "type": True}
ROW_SOURCE_KEYS = {"title": True, "path": True}


class MetadataError(ValueError):
    """A resource metadata file that cannot be read as declared; the message names file, resource and key."""

    def __init__(self, path: Path, message: str, *, resource: str | None = None, key: str | None = None):
        where = str(path)
        if resource is not None:
            where += f": resource {resource!r}"
        if key is not None:
            where += f", key {key!r}" if resource is not None else f": key {key!r}"
        super().__init__(f"{where}: {message}")


def meta_path(module_file: str | Path) -> Path:
    """The metadata file of the module at ``module_file``: ``trade.py`` -> ``trade.meta.yml``."""
    return Path(module_file).with_suffix(SUFFIX)


def resources_from_meta(module_file: str | Path, derive: dict[str, Deriver]) -> list[Resource]:
    """The resources declared in the metadata file beside ``module_file``, in the file's order,
    each bound to ``derive[name]``. Every resource needs a derive function and every function a
    resource."""
    path = meta_path(module_file)
    document = read_meta(path)
    resources = [_resource(path, entry, document.get("sources") or {}) for entry in document["resources"]]
    names = [r.name for r in resources]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise MetadataError(path, "declared twice in the file", resource=twice[0], key="name")
    cited = {key for entry in document["resources"] for key in entry["sources"]}
    for key in document.get("sources") or {}:
        if key not in cited:
            raise MetadataError(path, f"source {key!r} is defined but no resource cites it", key="sources")
    module = Path(module_file).name
    for name in names:
        if name not in derive:
            raise MetadataError(path, f"no derive function is bound to this resource in {module} (derive={{{name!r}: ...}})",
                                resource=name, key="name")
        if not callable(derive[name]):
            raise MetadataError(path, f"the derive function bound in {module} is not callable ({derive[name]!r})", resource=name, key="name")
    for name, function in derive.items():
        if name not in names:
            raise MetadataError(path, f"{module} binds derive function {getattr(function, '__name__', function)!r} to this name, "
                                      f"but the file declares no such resource (declared: {', '.join(names)})", resource=name, key="name")
    for resource in resources:
        resource.derive = derive[resource.name]
    return resources


def read_meta(path: Path) -> dict:
    """The parsed file, its top level checked (``resources`` a non-empty list, ``sources`` a map of
    checked entries); a mapping key given twice is an error, not silently the last one."""
    try:
        document, _ = read_yaml(path)
    except OSError as error:
        raise MetadataError(path, f"cannot read the metadata file ({error.strerror or error})") from error
    except YamlFileError as error:
        line = f"line {error.line}: " if error.line is not None else ""
        raise MetadataError(path, line + error.message, key=error.key) from error
    _check_keys(path, document, TOP_KEYS, "the file")
    resources = document["resources"]
    if not isinstance(resources, list) or not resources:
        raise MetadataError(path, "must be a non-empty list of resources", key="resources")
    sources = document.get("sources") or {}
    if not isinstance(sources, dict):
        raise MetadataError(path, "must be a map of source key -> {title, path, publisher}", key="sources")
    for key, source in sources.items():
        _check_keys(path, source, SOURCE_KEYS, f"source {key!r}")
        for name, value in source.items():
            _check_text(path, value, f"source {key!r}", name)
    return document


def _resource(path: Path, entry, sources: dict) -> Resource:
    name = entry.get("name") if isinstance(entry, dict) else None
    label = name if isinstance(name, str) else None
    _check_keys(path, entry, RESOURCE_KEYS, "a resource", resource=label)
    for key in ("name", "folder", "title", "description"):
        _check_text(path, entry[key], None, key, resource=label)

    def fail(key: str, message: str):
        raise MetadataError(path, message, resource=name, key=key)

    cited = _text_list(path, entry["sources"], name, "sources")
    for key in cited:
        if key not in sources:
            fail("sources", f"source {key!r} is not defined in the file's sources map"
                            f"{' (defined: ' + ', '.join(sources) + ')' if sources else ' (the file defines none)'}")
    if not isinstance(entry["fields"], list) or not entry["fields"]:
        fail("fields", "must be a non-empty list of fields")
    fields = [_field(path, name, spec) for spec in entry["fields"]]
    field_names = [f["name"] for f in fields]
    twice = sorted({n for n in field_names if field_names.count(n) > 1})
    if twice:
        fail("fields", f"field(s) {twice} declared twice")

    def known(key: str, columns: list[str]):
        for column in columns:
            if column not in field_names:
                fail(key, f"names field {column!r}, which the resource's fields lack")

    primary_key = _text_list(path, entry["primary_key"], name, "primary_key")
    if not primary_key:
        fail("primary_key", "must name at least one field")
    known("primary_key", primary_key)
    foreign_keys = []
    for spec in _list(path, entry.get("foreign_keys", []), name, "foreign_keys"):
        _check_keys(path, spec, FOREIGN_KEY_KEYS, "a foreign key", resource=name, within="foreign_keys")
        _check_keys(path, spec["reference"], REFERENCE_KEYS, "a foreign key's reference", resource=name, within="foreign_keys")
        known("foreign_keys", [spec["fields"]] if isinstance(spec["fields"], str) else list(spec["fields"]))
        foreign_keys.append(spec)
    period = None
    if "period" in entry:
        _check_keys(path, entry["period"], PERIOD_KEYS, "period", resource=name, within="period")
        if entry["period"]["type"] not in PERIOD_TYPES:
            fail("period", f"period type {entry['period']['type']!r} is not one of {PERIOD_TYPES}")
        known("period", [entry["period"]["field"]])
        period = (entry["period"]["field"], entry["period"]["type"])
    status_field = entry.get("status_field")
    if status_field is not None:
        _check_text(path, status_field, None, "status_field", resource=name)
        known("status_field", [status_field])
    row_sources = None
    if "row_sources" in entry:
        _check_keys(path, entry["row_sources"], ROW_SOURCE_KEYS, "row_sources", resource=name, within="row_sources")
        row_sources = (entry["row_sources"]["title"], entry["row_sources"]["path"])
        known("row_sources", list(row_sources))
    optional = {}
    if "missing_values" in entry:
        optional["missing_values"] = _text_list(path, entry["missing_values"], name, "missing_values")
    return Resource(
        name=name,
        folder=entry["folder"],
        title=entry["title"],
        description=entry["description"],
        sources=[dict(sources[key]) for key in cited],
        fields=fields,
        derive=None,  # bound by resources_from_meta
        primary_key=primary_key,
        foreign_keys=foreign_keys,
        depends_on=_text_list(path, entry.get("depends_on", []), name, "depends_on"),
        row_sources=row_sources,
        period=period,
        status_field=status_field,
        **optional,
    )


def _field(path: Path, resource: str, spec) -> dict:
    label = spec.get("name") if isinstance(spec, dict) and isinstance(spec.get("name"), str) else "?"
    where = f"field {label!r}"
    _check_keys(path, spec, FIELD_KEYS, where, resource=resource, within="fields")
    for key in ("name", "type", "description", "unit"):
        if key in spec:
            _check_text(path, spec[key], where, key, resource=resource)
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict) or "constraints" in spec and not constraints:
        raise MetadataError(path, f"{where}: constraints must be a non-empty map", resource=resource, key="constraints")
    for key in constraints:
        if key not in CONSTRAINTS:
            raise MetadataError(path, f"{where}: unknown constraint (Table Schema constraints: {', '.join(CONSTRAINTS)})",
                                resource=resource, key=key)
    if spec["type"] == "string" and "enum" in constraints:
        if not isinstance(constraints["enum"], list):
            raise MetadataError(path, f"{where}: enum must be a list", resource=resource, key="enum")
        for value in constraints["enum"]:
            if not isinstance(value, str):
                raise MetadataError(path, f"{where}: enum value {value!r} of a string field is not text (YAML reads unquoted null, "
                                          "yes, no, on, off and numbers as other types: quote it)", resource=resource, key="enum")
    return field_(spec["name"], spec["type"], spec["description"], unit=spec.get("unit"), **constraints)


def _check_keys(path: Path, value, keys: dict[str, bool], what: str, *, resource: str | None = None, within: str | None = None):
    """``value`` is a map whose keys are among ``keys`` and holds those marked required."""
    if not isinstance(value, dict):
        raise MetadataError(path, f"{what} must be a map (found {type(value).__name__})", resource=resource, key=within)
    for key in value:
        if key not in keys:
            raise MetadataError(path, f"unknown key in {what} (known: {', '.join(keys)})", resource=resource, key=key)
    for key, required in keys.items():
        if required and key not in value:
            raise MetadataError(path, f"required key missing from {what}", resource=resource, key=key)


def _check_text(path: Path, value, what: str | None, key: str, *, resource: str | None = None):
    if not isinstance(value, str) or not value.strip():
        prefix = f"{what}: " if what else ""
        raise MetadataError(path, f"{prefix}must be non-empty text (found {value!r})", resource=resource, key=key)


def _list(path: Path, value, resource: str, key: str) -> list:
    if not isinstance(value, list):
        raise MetadataError(path, f"must be a list (found {value!r})", resource=resource, key=key)
    return value


def _text_list(path: Path, value, resource: str, key: str) -> list[str]:
    items = _list(path, value, resource, key)
    for item in items:
        if not isinstance(item, str):
            raise MetadataError(path, f"must be a list of text (found {item!r})", resource=resource, key=key)
    return list(items)

