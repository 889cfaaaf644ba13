"""Extraction scored by K-fold cross-validation on the annotated articles (run by hand).

    .venv/bin/python benchmarks/crossval_extraction.py --folds 3

The shipped recogniser was trained on the tuning articles, so scoring it on them says
little; here each fold's articles are read by a recogniser trained on the other
folds only (``geo.extract.training.fit``), and the folds' scores are pooled. The rules alone
(``--fast``) are scored on the same folds. Needs CRFsuite: ``pip install -e '.[model]'``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from geo.evaluate import CAUSES, Score, evaluate, load_gold, report
from geo.extract import mentions_by
from geo.extract.learned import LearnedRecognizer, marks
from geo.extract.mentions import Extractor
from geo.extract.training import COPIES, examples, fit
from geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "articles" / "tuning"


def pool(total: dict[str, Score], scores: dict[str, Score]) -> None:
    for layer, score in scores.items():
        into = total.setdefault(layer, Score())
        into.true_positives += score.true_positives
        into.false_positives += score.false_positives
        into.false_negatives += score.false_negatives
        into.causes.update(score.causes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=COPIES,
                        help="swapped-name copies of each training article")
    parser.add_argument("--gold", type=Path, default=TUNING / "gold.json")
    parser.add_argument("articles", nargs="*", type=Path, default=[TUNING])
    args = parser.parse_args()
    found = examples([(args.gold, args.articles)])
    gold = load_gold(args.gold)
    gazetteer = Gazetteer.load()
    reader = marks()
    order = list(range(len(found)))
    random.Random(1).shuffle(order)  # not the training's own folds
    totals: dict[str, dict[str, Score]] = {"rules alone (--fast)": {}, "with the model": {}}
    with tempfile.TemporaryDirectory() as scratch:
        for fold in range(args.folds):
            held = {i for position, i in enumerate(order) if position % args.folds == fold}
            model = LearnedRecognizer(
                fit([found[i] for i in order if i not in held], reader,
                    Path(scratch) / "fold.crfsuite", copies=args.copies), reader)
            documents = [found[i][0] for i in sorted(held)]
            for name, used in (("rules alone (--fast)", None), ("with the model", model)):
                found = mentions_by(Extractor(gazetteer, used), documents)
                pool(totals[name], evaluate(documents, found, gold, gazetteer))
    for name, scores in totals.items():
        print(f"{name}, {args.folds}-fold, {len(found)} articles\n{report(scores)}\n")
    print("causes: " + "; ".join(f"{cause}: {text}" for cause, text in CAUSES.items()))


if __name__ == "__main__":
    main()
