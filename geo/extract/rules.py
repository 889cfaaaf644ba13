"""The rules model: ``geo/data/rules.toml`` (status and layer rules) and
``geo/data/recognize.toml`` (how names are read), loaded once into typed, checked objects.

Recognition and classification both read their word lists from here; the code holds only
grammar. A misspelt key, a missing one, a value of the wrong type, a layer that
``geo/data/layers.toml`` does not define or a status that does not exist is an error naming the
file and the key, never silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from geo import data, layerspec
from geo.records import STATUSES
from geo.textmatch import alternation

SCOPES = ("sentence", "document")


@dataclass(frozen=True, eq=False)
class StatusRule:
    """A status, given by the first rule (in file order) with a keyword in the sentence."""

    status: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class LayerRule:
    """The suffixes that put a name the gazetteer does not know into a layer. Some need one
    of the ``context`` keywords in the sentence (or, with ``context_scope = "document"``, the
    document); ``suffixes_with_document_context`` always look at the whole document."""

    suffixes: tuple[str, ...] = ()
    suffixes_with_context: tuple[str, ...] = ()
    suffixes_with_document_context: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    context_scope: str = "sentence"

    def entries(self) -> list[tuple[str, bool, bool]]:
        """(suffix, needs context, context is the whole document) of every suffix."""
        document = self.context_scope == "document"
        return ([(s, False, False) for s in self.suffixes]
                + [(s, True, document) for s in self.suffixes_with_context]
                + [(s, True, True) for s in self.suffixes_with_document_context])


@dataclass(frozen=True, eq=False)
class NameRules:
    """Where a name the gazetteer does not know starts: ``[names]`` in recognize.toml, whose
    comments say what each list is for."""

    extra_chars: str
    max_length: int
    stop_words: tuple[str, ...]
    name_stop_chars: str
    side_words: tuple[str, ...]
    soft_stop_words: tuple[str, ...]
    locatives: str
    word_final_suffixes: str
    unjoined_suffixes: tuple[str, ...]
    measure_words: str
    counting_chars: str
    verb_tags: tuple[str, ...]
    start_verb_tags: tuple[str, ...]
    clause_tags: tuple[str, ...]
    proper_tags: tuple[str, ...]
    common_words: tuple[str, ...]
    descriptive_endings: tuple[str, ...]
    name_followers: tuple[str, ...]
    district_area_words: tuple[str, ...]
    district_kept_by: tuple[str, ...]
    district_kept_by_common_names: tuple[str, ...]
    strip_prefixes: tuple[str, ...]
    modifier_chars: str
    not_after: tuple[str, ...]
    not_places: tuple[str, ...]
    organisation_endings: tuple[str, ...]
    not_place_endings: tuple[str, ...]
    station_word: str
    longer_name_endings: str
    named_after_words: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ListRules:
    """What separates and ends the items of a list: ``[lists]`` in recognize.toml."""

    separators: str
    ends: tuple[str, ...]
    bullets: str
    kind_amounts: tuple[str, ...]
    kind_measure_words: str


@dataclass(frozen=True, eq=False)
class LineRules:
    """How articles introduce metro lines: ``[lines]`` in recognize.toml."""

    prefixes: tuple[str, ...]
    city_prefixes: tuple[str, ...]
    station_layers: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class NearRules:
    """What puts a place beside a station its sentence names: ``[near]`` in rules.toml."""

    after: tuple[str, ...]
    before: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ProjectRules:
    """Works at a place that exists (``[project]`` in rules.toml): the sentence's status is
    the project's, the place itself is open."""

    words: tuple[str, ...]
    layers: tuple[str, ...]
    reach: int


@dataclass(frozen=True, eq=False)
class Rules:
    status: tuple[StatusRule, ...]
    layers: dict[str, LayerRule]  # by layer name, "other" included
    names: NameRules
    lists: ListRules
    lines: LineRules
    near: NearRules
    project: ProjectRules

    @cached_property
    def suffix_layer(self) -> dict[str, str]:
        """Every suffix and the layer it gives."""
        return {suffix: layer for layer, rule in self.layers.items()
                for suffix, _, _ in rule.entries()}

    @cached_property
    def suffixes(self) -> list[str]:
        """Every suffix, longest first."""
        return sorted(self.suffix_layer, key=lambda s: (-len(s), s))

    @cached_property
    def context_patterns(self) -> dict[str, re.Pattern[str]]:
        """Each layer's context words as one regex, for the layers that have some: read by
        classification, the learned recogniser and the weighing of its proposals alike."""
        return {layer: re.compile(alternation(rule.context))
                for layer, rule in self.layers.items() if rule.context}


def rules() -> Rules:
    """The rules in force (the package's, or an overlay's: ``geo.data.overlay``)."""
    return load(data.path("rules.toml"), data.path("recognize.toml"), layerspec.names())


@lru_cache(maxsize=4)
def load(rules_file: Path, recognize_file: Path, layer_names: tuple[str, ...]) -> Rules:
    """Read and check both files; ``layer_names`` are the layers rules may name."""
    classify = data.read_toml(rules_file)
    _known_tables(rules_file, classify, {"status", "layer", "near", "project"})
    statuses = classify.get("status", [])
    if not isinstance(statuses, list):
        raise data.DataError(f"{rules_file}: status must be [[status]] tables")
    status = tuple(data.typed(StatusRule, table, f"{rules_file}: [[status]] {number}")
                   for number, table in enumerate(statuses, start=1))
    for number, rule in enumerate(status, start=1):
        if rule.status not in STATUSES:
            raise data.DataError(f"{rules_file}: [[status]] {number}: key 'status' is "
                                 f"{rule.status!r}; expected one of "
                                 f"{', '.join(STATUSES)}")
    allowed = (*layer_names, layerspec.OTHER)
    layers: dict[str, LayerRule] = {}
    for name, table in classify.get("layer", {}).items():
        where = f"{rules_file}: [layer.{name}]"
        if name not in allowed:
            raise data.DataError(f"{where}: no such layer in layers.toml "
                                 f"(layers: {', '.join(allowed)})")
        rule = data.typed(LayerRule, table, where)
        if rule.context_scope not in SCOPES:
            raise data.DataError(f"{where}: key 'context_scope' must be one of "
                                 f"{', '.join(SCOPES)}")
        if (rule.suffixes_with_context or rule.suffixes_with_document_context
                ) and not rule.context:
            raise data.DataError(f"{where}: suffixes with context need key 'context'")
        layers[name] = rule

    recognize = data.read_toml(recognize_file)
    _known_tables(recognize_file, recognize, {"names", "lists", "lines"})
    names = data.typed(NameRules, recognize.get("names"), f"{recognize_file}: [names]")
    lines = data.typed(LineRules, recognize.get("lines"), f"{recognize_file}: [lines]")
    for where, key, named in (("names", "district_kept_by", names.district_kept_by),
                              ("names", "district_kept_by_common_names",
                               names.district_kept_by_common_names),
                              ("lines", "station_layers", lines.station_layers)):
        unknown = [layer for layer in named if layer not in layer_names]
        if unknown:
            raise data.DataError(f"{recognize_file}: [{where}]: key {key!r} names "
                                 f"{unknown[0]!r}, which layers.toml does not define")
    return Rules(status=status, layers=layers, names=names,
                 lists=data.typed(ListRules, recognize.get("lists"),
                                  f"{recognize_file}: [lists]"),
                 lines=lines,
                 near=data.typed(NearRules, classify.get("near"), f"{rules_file}: [near]"),
                 project=_project(rules_file, classify, layer_names))


def _project(path: Path, table: dict, layer_names: tuple[str, ...]) -> ProjectRules:
    project = data.typed(ProjectRules, table.get("project"), f"{path}: [project]")
    unknown = [layer for layer in project.layers if layer not in layer_names]
    if unknown:
        raise data.DataError(f"{path}: [project]: key 'layers' names {unknown[0]!r}, "
                             "which layers.toml does not define")
    return project


def _known_tables(path: Path, table: dict, known: set[str]) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise data.DataError(f"{path}: unknown table {unknown[0]!r} "
                             f"(known: {', '.join(sorted(known))})")
