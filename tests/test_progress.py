"""Issue 22, point 5: what a stage reports (counts, rates, time left) as plain lines and as a
bar, against a clock the test moves by hand; which of them the command line picks."""

import io

from geo.progress import QUIET, Bars, Lines, on_stderr


class Clock:
    """A clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def bar_after(seconds: float, done: int, name: str, total: int | None = None) -> str:
    """The bar as last drawn, ``seconds`` into a stage of ``total`` with ``done`` done."""
    clock, screen = Clock(), Terminal()
    with Bars(screen, clock, columns=100).stage(name, total) as stage:
        clock.now += seconds
        stage.advance(done)
        return screen.getvalue().split("\r\x1b[2K")[-1]


def test_a_step_line_gives_the_count_the_rate_and_the_time_left():
    clock, lines = Clock(), []
    with Lines(lines.append, clock).stage("extracting partitions", 1000) as stage:
        clock.now += 4
        stage.advance(256, "extracted partition 1 of 4")
        assert lines == ["extracted partition 1 of 4: 256 of 1,000 documents, "
                         "64.0 documents/s, about 12 s left"]


def test_a_stage_ends_with_its_count_time_and_rate():
    clock, lines = Clock(), []
    with Lines(lines.append, clock).stage("geocoding", 300, "places") as stage:
        for _ in range(300):
            clock.now += 0.01
            stage.advance()
    assert lines == ["geocoding: 300 places in 3.0 s, 100.0 places/s"]


def test_a_stage_of_unknown_size_gives_no_time_left():
    clock, lines = Clock(), []
    with Lines(lines.append, clock).stage("reading documents") as stage:
        clock.now += 2
        stage.advance(10, "read a file")
    assert lines[0] == "read a file: 10 documents, 5.0 documents/s"


def test_a_time_left_under_half_a_second_says_so():
    clock, lines = Clock(), []
    with Lines(lines.append, clock).stage("writing outputs", 3, "outputs") as stage:
        clock.now += 0.5
        stage.advance(2, "wrote maps")  # 4 outputs/s: 0.25 s left
    assert lines[0] == "wrote maps: 2 of 3 outputs, 4.0 outputs/s, under a second left"


def test_a_long_time_left_reads_in_minutes_and_hours():
    clock, lines = Clock(), []
    with Lines(lines.append, clock).stage("extracting partitions", 100_000) as stage:
        clock.now += 10
        stage.advance(100, "first")  # 10 documents/s: 9,990 s left
    assert lines[0].endswith("about 2 h 46 min left")


def test_the_bar_shows_the_count_rate_elapsed_and_time_left():
    drawn = bar_after(4, 256, "extracting partitions", 1000)
    assert drawn.startswith("extracting partitions:  26%|")
    assert drawn.endswith("| 256/1000 [00:04<00:11, 64.00 documents/s]")


def test_a_slow_bar_gives_documents_a_second_too():
    drawn = bar_after(4, 2, "extracting partitions", 10)
    assert drawn.endswith("| 2/10 [00:04<00:16,  0.50 documents/s]")


def test_a_bar_of_unknown_size_counts_without_a_bar():
    drawn = bar_after(2, 300, "reading documents")
    assert drawn == "reading documents: 300 documents [00:02, 150.00 documents/s]"


def test_the_bar_is_redrawn_at_most_every_interval():
    clock, screen = Clock(), Terminal()
    bars = Bars(screen, clock, interval=0.5, columns=100)
    with bars.stage("geocoding", 10, "places") as stage:
        for _ in range(10):
            clock.now += 0.25
            stage.advance()
        draws = screen.getvalue().count("\r\x1b[2K")
    assert draws == 1 + 5  # when it began, then every 0.5 s of the 2.5 s, not every 0.25 s


def test_a_note_prints_above_the_bar_which_is_drawn_again():
    clock, screen = Clock(), Terminal()
    bars = Bars(screen, clock, columns=100)
    with bars.stage("extracting partitions", 10):
        bars.note("Dask dashboard: http://127.0.0.1:40000/status")
        after = screen.getvalue().split("  … Dask dashboard: http://127.0.0.1:40000/status\n")
    assert len(after) == 2 and after[1].startswith("\r\x1b[2Kextracting partitions:   0%|")


def test_quiet_reports_nothing():
    assert on_stderr(quiet=True, stream=Terminal()) is QUIET


def test_a_terminal_gets_bars_and_a_log_gets_lines():
    assert isinstance(on_stderr(quiet=False, stream=Terminal()), Bars)
    assert isinstance(on_stderr(quiet=False, stream=io.StringIO()), Lines)
