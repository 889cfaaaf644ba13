"""Issue 18, quadratic parsing: 200 KB of HTML whitespace took ~90 s, 100 KB of Markdown [
~53 s, 80 KB of digits after a place name ~85 s. Each reader and rule now runs in linear time:
every hostile text of 1 MB (linear_cases.py: runs of what the readers and rules look for)
is read and searched in no more than RATIO times what a plain article of the same size
takes, measured in the same process. A quadratic case takes minutes at this size, hundreds
of times the plain article; the slowest linear one (1站1站…, a list end every 2 characters)
about 9 times."""

import subprocess
import sys
from pathlib import Path

import pytest

SIZE = 1_000_000
RATIO = 25
HARNESS = Path(__file__).with_name("linear_cases.py")
sys.path.insert(0, str(HARNESS.parent))
from linear_cases import cases  # noqa: E402


@pytest.fixture(scope="module")
def seconds(tmp_path_factory) -> dict[str, float]:
    """Each case's time, from one run of the harness (cut off after 15 minutes)."""
    folder = tmp_path_factory.mktemp("linear")
    try:
        done = subprocess.run([sys.executable, str(HARNESS), str(SIZE), str(folder)],
                              capture_output=True, text=True, timeout=900, check=True)
        out = done.stdout
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"").decode() if isinstance(expired.stdout, bytes) else (
            expired.stdout or "")
    return {name: float(value) for name, value in
            (line.split("\t") for line in out.splitlines() if "\t" in line)}


@pytest.mark.parametrize("case", [name for name in cases(10) if name != "plain"])
def test_a_hostile_text_takes_linear_time(seconds, case):
    assert case in seconds, f"{case} did not finish (after: {', '.join(seconds)})"
    assert seconds[case] <= RATIO * seconds["plain"] + 0.5, (case, seconds[case],
                                                              seconds["plain"])
