"""How a run tells its progress: a bar per stage on a terminal, a plain line per stage and per
step (a partition, an output) in a log, nothing when quiet.

The stages call a ``Progress`` through a narrow interface: ``note`` for a line of news, and
``stage`` for a counted stage (reading documents, extracting partitions, geocoding places,
writing outputs), whose ``advance`` counts what was done and may name the step. Each report
gives the count, the rate (documents/s, places/s) and, when the stage's total is known, the
time left at that rate. The clock is injected, so what is reported can be checked without
waiting. Nothing here imports another part of the package: every stage may use it.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

Clock = Callable[[], float]
Write = Callable[[str], None]


class Stage:
    """A counted stage; a context manager that reports its end. This one reports nothing."""

    def __init__(self, name: str, total: int | None, unit: str, clock: Clock):
        self.name, self.total, self.unit, self.clock = name, total, unit, clock
        self.done = 0
        self.started = clock()

    def advance(self, count: int = 1, step: str | None = None) -> None:
        """``count`` more of the stage's unit done; ``step`` says what, for a line of its own."""
        self.done += count
        self.show(step)

    def elapsed(self) -> float:
        return max(0.0, self.clock() - self.started)

    def rate(self) -> float:
        """Done per second since the stage began (0 before any time has passed)."""
        elapsed = self.elapsed()
        return self.done / elapsed if elapsed > 0 else 0.0

    def left(self) -> float | None:
        """Seconds until the total is reached at the rate so far; None when unknown."""
        rate = self.rate()
        if self.total is None or rate <= 0:
            return None
        return max(0, self.total - self.done) / rate

    def show(self, step: str | None) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


class Progress:
    """What stages call. This one says nothing: ``--quiet``, and the Python API's default."""

    def __init__(self, clock: Clock = time.monotonic):
        self.clock = clock

    def note(self, message: str) -> None:
        pass

    def stage(self, name: str, total: int | None = None, unit: str = "documents") -> Stage:
        return Stage(name, total, unit, self.clock)


QUIET = Progress()


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 5 s``, ``2 h 10 min``: a time left, as a person reads it."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def summary(stage: Stage) -> str:
    """The count, the rate, and the time left when it is known: ``256 of 1,000 documents,
    64.0 documents/s, about 12 s left``."""
    counted = (f"{stage.done:,} of {stage.total:,} {stage.unit}" if stage.total is not None
               else f"{stage.done:,} {stage.unit}")
    left = stage.left()
    if left is None or stage.done >= (stage.total or 0):
        return f"{counted}, {stage.rate():,.1f} {stage.unit}/s"
    return (f"{counted}, {stage.rate():,.1f} {stage.unit}/s, "
            + ("under a second left" if left < 0.5 else f"about {duration(left)} left"))


class LineStage(Stage):
    def __init__(self, name: str, total: int | None, unit: str, clock: Clock, write: Write):
        super().__init__(name, total, unit, clock)
        self.write = write

    def show(self, step: str | None) -> None:
        if step is not None:
            self.write(f"{step}: {summary(self)}")

    def close(self) -> None:
        self.write(f"{self.name}: {self.done:,} {self.unit} in {self.elapsed():.1f} s, "
                   f"{self.rate():,.1f} {self.unit}/s")


class Lines(Progress):
    """A plain line for each note, each named step and each stage's end: for logs, and for
    the callbacks the Python API takes (``write`` is the callback)."""

    def __init__(self, write: Write, clock: Clock = time.monotonic):
        super().__init__(clock)
        self.write = write

    def note(self, message: str) -> None:
        self.write(message)

    def stage(self, name: str, total: int | None = None, unit: str = "documents") -> Stage:
        return LineStage(name, total, unit, self.clock, self.write)


# tqdm's meters, with the rate always per second (tqdm's own turn a rate below one into
# seconds per document)
COUNTED = "{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_noinv_fmt}]"
OPEN = "{desc}: {n_fmt}{unit} [{elapsed}, {rate_noinv_fmt}]"


class BarStage(Stage):
    def __init__(self, name: str, total: int | None, unit: str, clock: Clock, bars: Bars):
        super().__init__(name, total, unit, clock)
        self.bars = bars
        self.drawn_at: float | None = None
        bars.current = self
        self.draw()

    def line(self) -> str:
        return tqdm.format_meter(self.done, self.total, self.elapsed(), ncols=self.bars.width(),
                                 prefix=self.name, unit=f" {self.unit}", rate=self.rate() or None,
                                 bar_format=COUNTED if self.total is not None else OPEN)

    def draw(self) -> None:
        self.drawn_at = self.clock()
        self.bars.stream.write("\r\x1b[2K" + self.line())
        self.bars.stream.flush()

    def show(self, step: str | None) -> None:
        if self.drawn_at is None or self.clock() - self.drawn_at >= self.bars.interval:
            self.draw()

    def close(self) -> None:
        self.draw()
        self.bars.stream.write("\n")
        self.bars.stream.flush()
        self.bars.current = None


class Bars(Progress):
    """A bar per stage, redrawn in place on a terminal at most every ``interval`` seconds;
    notes print above it."""

    def __init__(self, stream: TextIO, clock: Clock = time.monotonic, interval: float = 0.2,
                 columns: int | None = None):
        super().__init__(clock)
        self.stream, self.interval, self.columns = stream, interval, columns
        self.current: BarStage | None = None

    def width(self) -> int:
        return self.columns or shutil.get_terminal_size((100, 24)).columns

    def note(self, message: str) -> None:
        self.stream.write(("\r\x1b[2K" if self.current else "") + f"  … {message}\n")
        if self.current is not None:
            self.current.draw()
        self.stream.flush()

    def stage(self, name: str, total: int | None = None, unit: str = "documents") -> Stage:
        return BarStage(name, total, unit, self.clock, self)


def on_stderr(quiet: bool, stream: TextIO | None = None) -> Progress:
    """What the command line reports on standard error: nothing when ``quiet``, bars on a
    terminal, else a plain line per stage and step, as a log wants."""
    if quiet:
        return QUIET
    stream = stream or sys.stderr
    if stream.isatty():
        return Bars(stream)
    return Lines(lambda message: print(f"  … {message}", file=stream, flush=True))


def as_progress(progress: Progress | Write) -> Progress:
    """A Progress as it is; a callback of one message (the Python API's ``progress``) as
    plain lines."""
    return progress if isinstance(progress, Progress) else Lines(progress)
