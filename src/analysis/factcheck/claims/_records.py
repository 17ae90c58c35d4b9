"""Claims as data: the YAML file beside each chapter's claims module, and the checks it names.

Each chapter's claims are records in ``claims/<chapter>.yml``, one per :class:`~analysis.factcheck.rules.Claim`,
with the claim's fields as keys. A record names its check instead of holding code:

- ``check: null``: no check (an unverifiable claim; ``settle_with`` says which data would settle it);
- ``check: states_won``: a check registered with ``@CHECKS.check`` (a function of the loader);
- ``check: {name: coalition, args: [Senate, Juntos Haremos Historia], kwargs: {...}}``: a factory registered
  with ``@CHECKS.factory``, called with those arguments to make the check.

Each module has one registry, :class:`Checks`, that also sees the factories shared by every chapter
(``_common.COMMON``: ``before``, ``recently``, ``month_of``, ``year_of``, ``figure_check``). A
registered function is named without its leading underscore (``_coalition`` is ``coalition``).
A tolerance given by the article's rounding is written ``tolerance: {rounding: [claimed, unit]}``
(:func:`~analysis.factcheck.rules.rounding`).

:func:`read_claims` builds the claims in file order and stops at the first problem with one line
naming the file, the record (its line and claim id) and the field: :class:`ClaimsFileError`.
"""

from __future__ import annotations

import dataclasses
import difflib
import inspect
import typing
from collections.abc import Callable, Collection
from pathlib import Path

from analysis.data.yamlfile import YamlFileError, read_yaml
from analysis.etl.resource import DerivationError
from analysis.factcheck.rules import Claim, rounding

# Claim fields without a default must be in every record (``check`` too: null when there is none).
FIELDS = [f.name for f in dataclasses.fields(Claim)]
REQUIRED = [f.name for f in dataclasses.fields(Claim)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
_TYPES = typing.get_type_hints(Claim)


class ClaimsFileError(DerivationError):
    """A claims file that cannot be read as claims: one line naming the file, the record and the field."""


class Checks:
    """The checks a chapter's claims file may name: plain checks and check factories, by name.

    ``Checks(COMMON)`` also sees the names registered in ``COMMON``; a name is registered once."""

    def __init__(self, *shared: Checks):
        self._shared = shared
        self._own: dict[str, tuple[str, Callable]] = {}

    def _register(self, kind: str, function: Callable) -> Callable:
        name = function.__name__.lstrip("_")
        if self.get(name) is not None:
            raise ValueError(f"check {name!r} is registered twice")
        self._own[name] = (kind, function)
        return function

    def check(self, function: Callable) -> Callable:
        """Register a check (a function of the loader returning Evidence) under its name."""
        return self._register("check", function)

    def factory(self, function: Callable) -> Callable:
        """Register a factory (arguments -> check) under its name; a record gives its arguments."""
        return self._register("factory", function)

    def get(self, name: str) -> tuple[str, Callable] | None:
        """``(kind, function)`` registered under ``name`` here or in the shared registries, else None."""
        if name in self._own:
            return self._own[name]
        return next((found for shared in self._shared if (found := shared.get(name)) is not None), None)

    def names(self) -> list[str]:
        return sorted({*self._own, *(name for shared in self._shared for name in shared.names())})


def resource_names() -> set[str]:
    """The resources the derivation writes (a claim's ``resources`` must name some of them)."""
    from analysis.etl.steps import STEPS

    return {resource.name for step in STEPS for resource in step.resources}


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_claims(path: Path | str, checks: Checks, resources: Collection[str] | None = None) -> list[Claim]:
    """The claims of the file at ``path`` (``<chapter>.yml``), in file order, their checks from ``checks``.

    ``resources`` are the names a claim may read (default: every resource of the derivation)."""
    path = Path(path)
    shown, chapter = _shown(path), path.stem
    try:
        records, nodes = read_yaml(path)
    except FileNotFoundError:
        raise ClaimsFileError(shown, "no such claims file") from None
    except YamlFileError as exc:
        where = f", line {exc.line}" if exc.line is not None else ""
        raise ClaimsFileError(f"{shown}{where}", exc.message, field=exc.key) from None
    if not isinstance(records, list):
        raise ClaimsFileError(shown, "expected a list of claim records (one '- claim_id: ...' each)")
    known = resource_names() if resources is None else set(resources)
    claims, seen = [], {}
    for number, (record, node) in enumerate(zip(records, nodes.value), start=1):
        line = node.start_mark.line + 1
        claim_id = record.get("claim_id") if isinstance(record, dict) else None
        where = f"{shown}, line {line}, record {number}" + (f" ({claim_id})" if isinstance(claim_id, str) else "")

        def fail(field: str | None, message: str) -> typing.NoReturn:
            raise ClaimsFileError(where, message, field=field)

        if not isinstance(record, dict):
            fail(None, "expected a mapping of claim fields")
        unknown = [key for key in record if key not in FIELDS]
        if unknown:
            fail(str(unknown[0]), f"unknown key{_suggest(str(unknown[0]), FIELDS)}")
        missing = [key for key in REQUIRED if key not in record]
        if missing:
            fail(missing[0], "missing (required in every record" + ("; null when the claim has no check)" if missing[0] == "check" else ")"))
        if not isinstance(claim_id, str) or len(claim_id.split("-")) != 3:
            fail("claim_id", f"{claim_id!r} is not '<article>-<chapter>-<nn>'")
        if claim_id.split("-")[1] != chapter:
            fail("claim_id", f"chapter {claim_id.split('-')[1]!r} does not match the file {path.name!r}")
        if claim_id in seen:
            fail("claim_id", f"{claim_id} is declared twice (first at record {seen[claim_id]})")
        seen[claim_id] = number
        values = {}
        for key, value in record.items():
            if key == "check":
                values[key] = _check(value, checks, fail)
            elif key == "tolerance" and isinstance(value, dict):
                values[key] = _rounding(value, fail)
            else:
                values[key] = _typed(key, value, fail)
        unread = [name for name in values["resources"] if name not in known]
        if unread:
            fail("resources", f"unknown resource {unread[0]!r}{_suggest(unread[0], known)}")
        claims.append(Claim(**values))
    return claims


def _suggest(name: str, known: Collection[str]) -> str:
    """': did you mean 'x'?' for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f": did you mean {close[0]!r}?" if close else ""


def _typed(key: str, value, fail):
    """``value`` as the Claim field ``key`` holds it (lists become tuples), or a one-line error."""
    kind = _TYPES[key]
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is str:
        if isinstance(value, str):
            return value
        fail(key, f"expected text, got {value!r}" + (" (quote it)" if value is not None and not isinstance(value, (list, dict)) else ""))
    if kind is float:
        if number:
            return value
        fail(key, f"expected a number, got {value!r}")
    if kind == float | str:
        if number or isinstance(value, str):
            return value
        fail(key, f"expected a number or text, got {value!r}" + (" (quote a date)" if hasattr(value, "isoformat") else ""))
    if kind == tuple[str, ...]:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        fail(key, f"expected a list of text, got {value!r}")
    raise TypeError(f"Claim field {key!r} of type {kind} has no form in the claims files")


def _rounding(value: dict, fail) -> float:
    arguments = value.get("rounding")
    if list(value) != ["rounding"] or not (isinstance(arguments, list) and len(arguments) == 2
                                           and all(isinstance(a, (int, float)) and not isinstance(a, bool) for a in arguments)):
        fail("tolerance", f"expected a number or {{rounding: [claimed, unit]}}, got {value!r}")
    return rounding(*arguments)


def _check(value, checks: Checks, fail) -> Callable | None:
    """The check a record names: None, a registered check, or a registered factory called with its arguments."""
    if value is None:
        return None
    if isinstance(value, str):
        name, args, kwargs, called = value, [], {}, False
    elif isinstance(value, dict):
        extra = [key for key in value if key not in ("name", "args", "kwargs")]
        if extra:
            fail("check", f"unknown key {extra[0]!r} (a check has name, args, kwargs)")
        name, args, kwargs, called = value.get("name"), value.get("args", []), value.get("kwargs", {}), True
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            fail("check", f"args must be a list and kwargs a mapping, got {value!r}")
    else:
        fail("check", f"expected null, a check's name or {{name: ..., args: [...]}}, got {value!r}")
    if not isinstance(name, str):
        fail("check", f"a check's name must be text, got {name!r}")
    found = checks.get(name)
    if found is None:
        fail("check", f"unknown check {name!r}{_suggest(name, checks.names())}")
    kind, function = found
    if kind == "check":
        if called and (args or kwargs):
            fail("check", f"{name!r} is a check, not a factory: it takes no arguments")
        return function
    if not called:
        fail("check", f"{name!r} is a factory: write {{name: {name}, args: [...]}}")
    try:
        inspect.signature(function).bind(*args, **kwargs)
        return function(*args, **kwargs)
    except TypeError as exc:
        fail("check", f"wrong arguments for {name!r}: {exc}")
