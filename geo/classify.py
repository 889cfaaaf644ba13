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


def layer_of(name: str, sentence: str, rules: dict[str, list[str]]) -> str:
    for text in (name, sentence):
        for layer, keywords in rules.items():
            if any(keyword in text for keyword in keywords):
                return layer
    return "other"


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


def classify(mentions: list[Mention], rules: dict | None = None) -> list[Mention]:
    rules = rules or load_rules()
    return [
        replace(
            mention,
            layer=mention.layer or layer_of(mention.name, mention.sentence, rules["layer"]),
            status=status_of(mention.sentence, rules["status"]),
            facts=facts_in(mention.sentence),
        )
        for mention in mentions
    ]
