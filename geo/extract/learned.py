"""The learned recogniser: a character CRF that proposes names the suffix rules cannot read
(杭钢, 运河天地, 8号桥), decoded with numpy from the weights in ``geo/data/recogniser.npz``.

The weights are trained by ``python -m geo.extract.training`` (``make model``) with
CRFsuite, which is needed only there: here every feature of ``geo.extract.charfeatures`` is
a row of a table, a document's scores are a few gathers over all its pieces at once, and
Viterbi runs over the pieces side by side.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from geo import data
from geo.extract.charfeatures import (
    BIGRAMS,
    KIND_NAMES,
    KINDS,
    LABELS,
    MARKS,
    PAD,
    UNIGRAMS,
    Marks,
    kind,
    label_spans,
    pieces,
)
from geo.extract.recognize import dictionary
from geo.extract.rules import rules

MODEL_FILE = "recogniser.npz"  # in geo/data (or an overlay)
FORMAT = 1
BATCH = 2048  # pieces decoded side by side: enough to share the steps, little memory
ARRAYS = ("format", "labels", "vocabulary", "unigrams", "bigram_keys", "bigram_weights",
          "bigram_offsets", "kinds", "marks", "mark_weights", "piece_marks", "piece_weights",
          "transitions")


def marks() -> Marks:
    """What the recogniser reads beside the characters, from the rules in force."""
    return Marks(rules(), *dictionary())


class ModelError(Exception):
    """A recogniser file that is missing or cannot be read; the message names it."""


@dataclass(frozen=True)
class Proposal:
    """A name the model reads in the text, and the layer it reads it in."""

    start: int
    end: int
    layer: str
    margin: float  # how much better the best reading is than reading no name there


class LearnedRecognizer:
    def __init__(self, arrays: dict[str, np.ndarray], marks: Marks):
        self.labels = [str(label) for label in arrays["labels"]]
        if tuple(self.labels) != LABELS:
            raise ValueError(f"labels {self.labels} are not {list(LABELS)}")
        vocabulary = str(arrays["vocabulary"])
        self.vocabulary = {char: index + 1 for index, char in enumerate(vocabulary)}
        self.size = len(vocabulary) + 1  # 0: a character the model never saw
        self.pad = self.vocabulary.get(PAD, 0)
        self.pad_kind = KIND_NAMES.index(kind(PAD)) + 1
        self._chars: dict[int, tuple[int, int]] = {}  # code point: (id, kind), as met
        self.unigrams = arrays["unigrams"].astype(np.float32)  # [offset, char, label]
        self.bigram_keys = arrays["bigram_keys"]  # sorted, per offset in bigram_offsets
        self.bigram_weights = arrays["bigram_weights"].astype(np.float32)
        self.bigram_offsets = arrays["bigram_offsets"]
        self.kinds = arrays["kinds"].astype(np.float32)  # [offset, kind, label]
        values = [str(value) for value in arrays["marks"]]  # "template:value"
        self.mark_index: dict[str, dict[str, int]] = {template: {} for template in MARKS}
        for index, value in enumerate(values):
            template, _, mark = value.partition(":")
            self.mark_index[template][mark] = index + 1
        self.mark_weights = arrays["mark_weights"].astype(np.float32)
        piece_values = [str(value) for value in arrays["piece_marks"]]
        self.piece_index = {value: index for index, value in enumerate(piece_values)}
        self.piece_weights = arrays["piece_weights"].astype(np.float32)
        self.transitions = arrays["transitions"].astype(np.float32)
        self.marks = marks
        shapes = {
            "unigrams": (len(UNIGRAMS), self.size, len(LABELS)),
            "kinds": (len(KINDS), len(KIND_NAMES) + 1, len(LABELS)),
            "mark_weights": (len(values) + 1, len(LABELS)),
            "piece_weights": (len(piece_values), len(LABELS)),
            "transitions": (len(LABELS), len(LABELS)),
        }
        for name, shape in shapes.items():
            if getattr(self, name).shape != shape:
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, not {shape}")

    def propose(self, text: str) -> list[Proposal]:
        """Every name the model reads in ``text``, in text order."""
        return self.propose_all([text])[0]

    def propose_all(self, texts: list[str]) -> list[list[Proposal]]:
        """``propose`` of each text. Viterbi steps through the pieces side by side, one
        position at a time, so many texts at once cost hardly more steps than one: pieces of
        about the same length are decoded together, BATCH at a time."""
        found: list[list[Proposal]] = [[] for _ in texts]
        pieces_ = [(length, index, start, end) for index, text in enumerate(texts)
                   for start, end in pieces(text) if (length := end - start) > 0]
        pieces_.sort()
        prepared = [self._prepare(text) for text in texts]
        for first in range(0, len(pieces_), BATCH):
            batch = pieces_[first:first + BATCH]
            scores, lengths = self._emissions(batch, prepared)
            labels = self._viterbi(scores, lengths)
            named = [row for row in range(len(batch))
                     if labels[row, :lengths[row]].any()]
            if not named:
                continue
            margins = self._margins(scores[named], lengths[named])
            for margin_row, row in enumerate(named):
                _, index, start, _ = batch[row]
                sequence = labels[row, :lengths[row]]
                for a, b, layer in label_spans(sequence.tolist(),
                                               np.flatnonzero(sequence).tolist()):
                    found[index].append(Proposal(start + a, start + b, layer,
                                                 float(margins[margin_row, a:b].min())))
        for proposals in found:
            proposals.sort(key=lambda proposal: proposal.start)
        return found

    def _prepare(self, text: str) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
        """A text, its character ids and kinds, and for each template of MARKS the index of
        each character's mark (0: none)."""
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        unique, inverse = np.unique(codes, return_inverse=True)
        known = self._chars
        for code in unique.tolist():
            if code not in known:
                char = chr(code)
                known[code] = (self.vocabulary.get(char, 0), KIND_NAMES.index(kind(char)) + 1)
        table = np.array([known[code] for code in unique.tolist()], dtype=np.int64
                         ).reshape(-1, 2)
        marks = np.zeros((len(MARKS), len(text)), dtype=np.int64)
        for row, (template, marked) in enumerate(self.marks.marks(text).items()):
            if marked:
                index = self.mark_index[template]
                marks[row, list(marked)] = [index.get(value, 0) for value in marked.values()]
        return text, table[inverse, 0], table[inverse, 1], marks

    def _emissions(self, batch: list[tuple[int, int, int, int]],
                   prepared: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Each character's score for each label, pieces padded side by side:
        [piece, position, label], and each piece's length."""
        lengths = np.array([length for length, *_ in batch])
        width = int(lengths.max()) + 4
        chars = np.full((len(batch), width), self.pad, dtype=np.int64)
        kinds = np.full((len(batch), width), self.pad_kind, dtype=np.int64)
        marks = np.zeros((len(MARKS), len(batch), width), dtype=np.int64)
        shared = np.zeros((len(batch), len(LABELS)), dtype=np.float32)
        for row, (size, index, start, end) in enumerate(batch):
            text, ids, kind_ids, mark_ids = prepared[index]
            chars[row, 2:2 + size] = ids[start:end]
            kinds[row, 2:2 + size] = kind_ids[start:end]
            marks[:, row, 2:2 + size] = mark_ids[:, start:end]
            for value in self.marks.piece_marks(text, start, end):
                if f"c:{value}" in self.piece_index:
                    shared[row] += self.piece_weights[self.piece_index[f"c:{value}"]]
        inner = slice(2, width - 2)
        scores = self.mark_weights[marks[0][:, inner]] + shared[:, None, :]
        for template in range(1, len(MARKS)):
            scores += self.mark_weights[marks[template][:, inner]]
        for index, offset in enumerate(UNIGRAMS):
            scores += self.unigrams[index][chars[:, 2 + offset:width - 2 + offset]]
        for index, offset in enumerate(KINDS):
            scores += self.kinds[index][kinds[:, 2 + offset:width - 2 + offset]]
        for index, offset in enumerate(BIGRAMS):
            keys = (chars[:, 2 + offset:width - 2 + offset] * self.size
                    + chars[:, 3 + offset:width - 1 + offset])
            lo, hi = self.bigram_offsets[index], self.bigram_offsets[index + 1]
            if hi == lo:
                continue
            table = self.bigram_keys[lo:hi]
            where = np.searchsorted(table, keys).clip(0, hi - lo - 1)
            hit = table[where] == keys
            scores += np.where(hit[..., None], self.bigram_weights[lo + where], 0.0)
        return scores, lengths

    def _viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The best label sequence of every piece ("O" past its end)."""
        count, width, labels_ = scores.shape
        best = scores[:, 0, :]
        back = np.zeros((count, width, labels_), dtype=np.int8)
        for position in range(1, width):
            candidates = best[:, :, None] + self.transitions
            back[:, position] = candidates.argmax(axis=1)
            step = candidates.max(axis=1) + scores[:, position]
            best = np.where((position < lengths)[:, None], step, best)
        labels = np.zeros((count, width), dtype=np.int64)
        rows = np.arange(count)
        last = lengths - 1
        labels[rows, last] = best.argmax(axis=1)
        for position in range(width - 1, 0, -1):
            inside = position <= last
            labels[inside, position - 1] = back[inside, position, labels[inside, position]]
        return labels

    def _margins(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """At each position, how far the best path lies above the best path through "O"
        there: how sure the model is that a name covers it."""
        width = scores.shape[1]
        forward = np.empty_like(scores)
        backward = np.zeros_like(scores)
        forward[:, 0] = scores[:, 0]
        for position in range(1, width):
            forward[:, position] = (forward[:, position - 1, :, None] + self.transitions
                                    ).max(axis=1) + scores[:, position]
        for position in range(width - 2, -1, -1):
            following = backward[:, position + 1] + scores[:, position + 1]
            step = (self.transitions + following[:, None, :]).max(axis=2)
            backward[:, position] = np.where((position + 1 < lengths)[:, None], step, 0.0)
        total = forward + backward  # the best path through each label at each position
        return total.max(axis=2) - total[:, :, 0]


def load(path: Path, marks: Marks) -> LearnedRecognizer:
    """The recogniser in ``path``; a ModelError naming the file if it is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [name for name in ARRAYS if name not in archive.files]
            if missing:
                raise ValueError(f"no {', '.join(missing)}")
            arrays = {name: archive[name] for name in ARRAYS}
        if int(arrays["format"]) != FORMAT:
            raise ValueError(f"format {int(arrays['format'])}, this version reads {FORMAT}")
        return LearnedRecognizer(arrays, marks)
    except FileNotFoundError:
        raise ModelError(f"{path}: the recogniser's weights are missing "
                         "(make model rebuilds them)") from None
    except (OSError, ValueError, TypeError, KeyError, zipfile.BadZipFile, EOFError) as error:
        raise ModelError(f"{path}: not a recogniser this version can read ({error}); "
                         "make model rebuilds it") from None


def learned() -> LearnedRecognizer | None:
    """The shipped recogniser, or None with a warning when its file cannot be read: the
    rules alone still find names."""
    return _learned(data.path(MODEL_FILE))


@lru_cache(maxsize=2)
def _learned(path: Path) -> LearnedRecognizer | None:
    try:
        return load(path, marks())
    except ModelError as error:
        warnings.warn(f"{error}; extracting with the rules alone", stacklevel=2)
        return None
