"""Train the learned recogniser (``make model``): a character CRF over the project's own
annotated articles, written as the tables ``geo.extract.learned`` decodes.

Run by hand, with CRFsuite installed (``pip install -e '.[model]'``):

    python -m geo.extract.training --out geo/data/recogniser.npz \\
        tests/data/articles/tuning/gold.json tests/data/articles/tuning \\
        tests/data/gold_places.json seeds

Each gold file is followed by the articles it annotates. A gold place names a place once per
article, as the text first writes it; every occurrence of that name in the article is
labelled with its layer (the longest name first where two overlap), all else "outside".
Only these annotations are learnt from: no corpus whose licence forbids shipping the weights.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from geo.corpus import find_inputs, read_documents
from geo.extract.charfeatures import (
    BIGRAMS,
    KIND_NAMES,
    KINDS,
    LABELS,
    LAYERS,
    MARKS,
    PAD,
    UNIGRAMS,
    Marks,
    attributes,
    pieces,
    spans,
)
from geo.extract.learned import FORMAT, LearnedRecognizer, marks
from geo.records import Document
from geo.textmatch import simplified

# L1 keeps the tables small; chosen by cross-validation (benchmarks/crossval_extraction.py)
C1, C2, ITERATIONS = 0.05, 0.01, 200
COPIES = 2  # of each article with its names swapped (``varied``)


def labelled(document: Document, places: Iterable[tuple[str, str]]) -> list[str]:
    """One label per character: each gold name's occurrences, the longest names first."""
    labels = ["O"] * len(document.text)
    text = document.text
    for name, layer in sorted(set(places), key=lambda place: -len(place[0])):
        if layer not in LAYERS or not name:
            continue
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(label == "O" for label in labels[start:end]):
                labels[start] = f"B-{layer}"
                labels[start + 1:end] = [f"I-{layer}"] * (end - start - 1)
            start = text.find(name, end)
    return labels


Example = tuple[Document, list[str]]  # an article and a label per character


def examples(sets: list[tuple[Path, list[Path]]]) -> list[Example]:
    """(document, labels) of every annotated article."""
    found = []
    for gold_file, inputs in sets:
        gold: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for place in json.loads(gold_file.read_text(encoding="utf-8"))["places"]:
            gold[place["document"]].append((place["name"], place["layer"]))
        for document in read_documents(find_inputs(inputs)):
            if isinstance(document, Exception):
                raise SystemExit(f"training: {document}")
            found.append((document, labelled(document, gold.get(document.id, []))))
    return found


def varied(found: list[Example], copies: int, seed: int = 0) -> list[Example]:
    """``found`` and ``copies`` of each article with every annotated name swapped for another
    article's name of the same layer (the same swap throughout an article): the recogniser
    learns what the words around a name say, not the few hundred names it was shown."""
    pool: dict[str, list[str]] = defaultdict(list)
    for document, labels in found:
        for start, end, layer in spans(labels):
            pool[layer].append(document.text[start:end])
    pool = {layer: sorted(set(names)) for layer, names in pool.items()}
    rng = random.Random(seed)
    out = list(found)
    for copy in range(copies):
        for document, labels in found:
            swap: dict[str, str] = {}
            text, new_labels, position = [], [], 0
            for start, end, layer in spans(labels):
                name = document.text[start:end]
                other = swap.setdefault(name, rng.choice(pool[layer]))
                text.append(document.text[position:start])
                new_labels.extend(labels[position:start])
                text.append(other)
                new_labels.extend([f"B-{layer}"] + [f"I-{layer}"] * (len(other) - 1))
                position = end
            text.append(document.text[position:])
            new_labels.extend(labels[position:])
            changed = Document(id=f"{document.id}~{copy}", path=document.path,
                               text="".join(text), title=document.title, date=document.date,
                               publisher=document.publisher, city=document.city,
                               url=document.url)
            out.append((changed, new_labels))
    return out


def sequences(found: list[Example], reader: Marks):
    """CRFsuite's (attributes, labels) of every piece of every article."""
    for document, labels in found:
        text = simplified(document.text)  # as extraction reads it
        marked = reader.marks(text)
        for start, end in pieces(text):
            if end > start:
                yield (attributes(text, start, end, marked, reader.piece_marks(text, start, end)),
                       labels[start:end])


def train(found: list[Example], reader: Marks, model_file: Path,
          c1: float = C1, c2: float = C2, iterations: int = ITERATIONS) -> None:
    """A CRFsuite model of ``found``, written to ``model_file``."""
    import pycrfsuite  # training only: the shipped tables are decoded with numpy

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences(found, reader):
        trainer.append(features, labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_file))


def tables(model_file: Path) -> dict[str, np.ndarray]:
    """The trained weights as the arrays ``geo.extract.learned`` reads."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    info = tagger.info()
    label = {name: index for index, name in enumerate(LABELS)}
    state = [(attribute, label[name], weight)
             for (attribute, name), weight in info.state_features.items() if weight]
    chars = sorted({char for attribute, _, _ in state if attribute[0] in "ub"
                    for char in attribute.split(":", 1)[1]} | {PAD})
    vocabulary = {char: index + 1 for index, char in enumerate(chars)}
    size = len(chars) + 1
    mark_names = sorted({attribute for attribute, _, _ in state if attribute[0] in MARKS})
    mark = {name: index + 1 for index, name in enumerate(mark_names)}
    piece_names = sorted({attribute for attribute, _, _ in state if attribute[0] == "c"})
    piece = {name: index for index, name in enumerate(piece_names)}
    unigrams = np.zeros((len(UNIGRAMS), size, len(LABELS)), np.float32)
    kinds = np.zeros((len(KINDS), len(KIND_NAMES) + 1, len(LABELS)), np.float32)
    mark_weights = np.zeros((len(mark_names) + 1, len(LABELS)), np.float32)
    piece_weights = np.zeros((len(piece_names), len(LABELS)), np.float32)
    bigrams: list[dict[int, np.ndarray]] = [defaultdict(lambda: np.zeros(len(LABELS), np.float32))
                                            for _ in BIGRAMS]
    for attribute, index, weight in state:
        template, value = attribute.split(":", 1)
        if template in MARKS:
            mark_weights[mark[attribute], index] += weight
            continue
        if template == "c":
            piece_weights[piece[attribute], index] += weight
            continue
        offset = int(template[1:])
        if template[0] == "u":
            unigrams[UNIGRAMS.index(offset), vocabulary[value], index] += weight
        elif template[0] == "k":
            kinds[KINDS.index(offset), KIND_NAMES.index(value) + 1, index] += weight
        else:
            key = vocabulary[value[0]] * size + vocabulary[value[1]]
            bigrams[BIGRAMS.index(offset)][key][index] += weight
    keys, weights, offsets = [], [], [0]
    for table in bigrams:
        ordered = sorted(table)
        keys.extend(ordered)
        weights.extend(table[key] for key in ordered)
        offsets.append(len(keys))
    transitions = np.zeros((len(LABELS), len(LABELS)), np.float32)
    for (first, second), weight in info.transitions.items():
        transitions[label[first], label[second]] = weight
    return {
        "format": np.array(FORMAT),
        "labels": np.array(LABELS),
        "vocabulary": np.array("".join(chars)),
        "marks": np.array(mark_names),
        "mark_weights": mark_weights.astype(np.float16),
        "piece_marks": np.array(piece_names),
        "piece_weights": piece_weights.astype(np.float16),
        "unigrams": unigrams.astype(np.float16),
        "bigram_keys": np.array(keys, dtype=np.int64),
        "bigram_weights": np.array(weights, dtype=np.float16).reshape(-1, len(LABELS)),
        "bigram_offsets": np.array(offsets, dtype=np.int64),
        "kinds": kinds.astype(np.float16),
        "transitions": transitions,
    }


def fit(found: list[Example], reader: Marks, work: Path, c1: float = C1, c2: float = C2,
        iterations: int = ITERATIONS, copies: int = COPIES) -> dict[str, np.ndarray]:
    """The recogniser's tables, trained on ``found`` and ``copies`` of it with its names
    swapped; ``work`` is a scratch file."""
    train(varied(found, copies), reader, work, c1, c2, iterations)
    return tables(work)


def agreement(model_file: Path, decoder: LearnedRecognizer, found: list[Example],
              reader: Marks, sample: int = 40) -> float:
    """The share of sampled articles the numpy decoder reads exactly as CRFsuite does."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    same = 0
    for document, _ in found[:sample]:
        text = simplified(document.text)
        names = {(p.start, p.end, p.layer) for p in decoder.propose(text)}
        marked = reader.marks(text)
        expected = set()
        for start, end in pieces(text):
            if end > start:
                labels = tagger.tag(attributes(text, start, end, marked,
                                               reader.piece_marks(text, start, end)))
                expected |= {(start + a, start + b, layer) for a, b, layer in spans(labels)}
        same += names == expected
    return same / min(sample, len(found)) if found else 1.0


def save(arrays: dict[str, np.ndarray], out: Path) -> None:
    """Write the tables to ``out`` whole or not at all."""
    partial = out.with_name(out.name + ".partial")
    with partial.open("wb") as handle:
        np.savez_compressed(handle, **arrays)
    partial.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.extract.training", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", help="a gold file, then the articles it annotates")
    parser.add_argument("--out", type=Path, default=Path("geo/data/recogniser.npz"))
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--copies", type=int, default=COPIES)
    args = parser.parse_args(argv)
    sets: list[tuple[Path, list[Path]]] = []
    for item in map(Path, args.sets):
        if item.suffix == ".json":
            sets.append((item, []))
        elif not sets:
            parser.error(f"{item}: give its gold file first")
        else:
            sets[-1][1].append(item)
    found = examples(sets)
    reader = marks()
    work = args.out.with_name(args.out.name + ".crfsuite")
    started = time.perf_counter()
    arrays = fit(found, reader, work, args.c1, args.c2, args.iterations, args.copies)
    decoder = LearnedRecognizer(arrays, reader)
    print(f"trained on {len(found)} articles in {time.perf_counter() - started:.0f} s; "
          f"the numpy decoder reads {agreement(work, decoder, found, reader):.0%} of sampled "
          "articles exactly as CRFsuite does")
    work.unlink(missing_ok=True)
    save(arrays, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
