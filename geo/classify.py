"""Give each mention its layer, the status its sentence states, and the facts near it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib import resources

from geo.records import Fact, Mention, Status


def load_rules() -> dict:
    with resources.files("geo.data").joinpath("rules.toml").open("rb") as handle:
        return tomllib.load(handle)


def status_of(sentence: str, rules: list[dict]) -> Status:
    """The status of the first rule (in file order) with a keyword in the sentence."""
    for rule in rules:
        if any(keyword in sentence for keyword in rule["keywords"]):
            return rule["status"]
    return "unknown"


SUFFIX_KEYS = ("suffixes", "suffixes_with_context", "suffixes_with_document_context")


def layer_of(name: str, sentence: str, rules: dict[str, dict], document: str = "") -> str:
    """The layer of a name the gazetteer does not know, from its suffix and its context: the
    sentence, or the whole document for rules whose ``context_scope`` is "document"."""
    best: tuple[int, str] | None = None
    for layer, rule in rules.items():
        for key in SUFFIX_KEYS:
            for suffix in rule.get(key, []):
                if not name.endswith(suffix) or (best and best[0] >= len(suffix)):
                    continue
                whole = rule.get("context_scope") == "document" or key.endswith("document_context")
                context = document if whole else sentence
                if key == "suffixes" or any(word in context for word in rule["context"]):
                    best = (len(suffix), layer)
                else:
                    best = (len(suffix), "other")
    return best[1] if best else "other"


FACT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(
        r"(?:\d{4}年)?(?:今年|去年|明年)?\d{1,2}月\d{1,2}日|\d{4}年(?:\d{1,2}月)?")),
    ("area", re.compile(
        r"[\d.]+(?:多|余)?万?(?:平方米|平方公里|公顷|亩|方)|[一二三四五六七八九十]+万方")),
    ("money", re.compile(r"[\d.]+(?:多|余)?(?:亿|万)?元")),
    ("count", re.compile(r"[\d.]+(?:多|余)?(?:万)?(?:家|个|户|人|名)(?:企业|岗位|居民|人才)?")),
]


def facts_in(sentence: str) -> tuple[Fact, ...]:
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in FACT_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append(Fact(kind=kind, text=match.group()))  # type: ignore[arg-type]
    return tuple(found)


def classify(mentions: list[Mention], rules: dict | None = None,
             texts: dict[str, str] | None = None) -> list[Mention]:
    """``texts`` (document id -> text) gives rules with a document-wide context their scope."""
    rules = rules or load_rules()
    texts = texts or {}
    return [
        replace(
            mention,
            layer=mention.layer or layer_of(mention.full_name, mention.sentence, rules["layer"],
                                            texts.get(mention.document, mention.sentence)),
            status=status_of(mention.sentence, rules["status"]),
            facts=facts_in(mention.sentence),
        )
        for mention in mentions
    ]
