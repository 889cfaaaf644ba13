"""Give each mention its layer, the status its sentence states, and the facts near it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from geo.extract.facts import facts_in
from geo.extract.rules import Rules, StatusRule, rules
from geo.records import Document, Mention, Status, evolve
from geo.textmatch import alternation, simplified


def status_of(sentence: str, status_rules: tuple[StatusRule, ...]) -> Status:
    """The status of the first rule (in file order) with a keyword in the sentence."""
    for status, keywords in _keyword_patterns(status_rules):
        if keywords.search(sentence):
            return status
    return "unknown"


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str]:
    """A regex that finds any of the keywords (none, for an empty list)."""
    if not keywords:
        return re.compile(r"(?!)")
    return re.compile(alternation(keywords))


@lru_cache(maxsize=8)
def _keyword_patterns(status_rules: tuple[StatusRule, ...]
                      ) -> list[tuple[Status, re.Pattern[str]]]:
    """Each status rule's keywords as one regex: one scan of the sentence per rule."""
    return [(rule.status, keyword_pattern(rule.keywords))  # type: ignore[misc]
            for rule in status_rules]


@lru_cache(maxsize=8)
def _suffix_index(model: Rules
                  ) -> dict[str, list[tuple[str, str, re.Pattern[str] | None, bool]]]:
    """Suffixes by their last character, longest first: (suffix, layer, context, whole); the
    context is one regex of the rule's keywords, or None when the suffix needs none."""
    index: dict[str, list] = {}
    for layer, rule in model.layers.items():
        context = model.context_patterns.get(layer)  # rules.py refuses suffixes that need one
        for suffix, needs_context, whole in rule.entries():
            index.setdefault(suffix[-1], []).append(
                (suffix, layer, context if needs_context else None, whole))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def layer_of(name: str, sentence: str, model: Rules, document: str = "") -> str:
    """The layer of a name the gazetteer does not know, from its longest suffix and its
    context: the sentence, or the whole document for rules that say so."""
    index = _suffix_index(model)
    for suffix, layer, context, whole in index.get(name[-1:], []):
        if name.endswith(suffix):
            if context is None:
                return layer
            return layer if context.search(document if whole else sentence) else "other"
    return "other"


def _learned_or(layer: str, mention: Mention) -> str:
    """The rules' layer, or where they leave the name as context, the learned one."""
    return (mention.learned_layer or layer) if layer == "other" else layer


def classify(mentions: list[Mention], documents: Iterable[Document] = (),
             model: Rules | None = None) -> list[Mention]:
    """The documents give rules with a document-wide context their scope, and 今年 its year."""
    model = model or rules()
    # read in simplified Chinese, as names are matched (与轨道9号线 for 與軌道9號線)
    texts = {document.id: simplified(document.text) for document in documents}
    years = {document.id: int(document.date[:4]) for document in documents
             if document.date and document.date[:4].isdigit()}
    # Mentions often share a sentence: work each sentence out once.
    facts = lru_cache(maxsize=4096)(facts_in)
    status = lru_cache(maxsize=4096)(lambda sentence: status_of(sentence, model.status))
    works = keyword_pattern(model.project.words)
    classified = []
    for mention in mentions:
        sentence = simplified(mention.sentence)
        layer = mention.layer or _learned_or(
            layer_of(simplified(mention.like or mention.full_name), sentence, model,
                     texts.get(mention.document, sentence)), mention)
        stated = status(sentence)
        own, project = stated, None
        if (stated in WORKS_STATUSES and mention.place_id and layer in model.project.layers
                and _works_after(mention, sentence, works, model.project.reach)):
            own, project = "open", stated  # 中山公园改造将于明年启动: the park is open
        classified.append(evolve(mention, layer=layer, status=own, project_status=project,
                                 facts=facts(sentence, years.get(mention.document))))
    return classified


WORKS_STATUSES = ("planned", "under construction")


def _works_after(mention: Mention, sentence: str, works: re.Pattern[str], reach: int) -> bool:
    """Whether the sentence names works on the place just after its name."""
    after = mention.end - mention.sentence_start
    return works.search(sentence, after, after + reach) is not None
