"""Run by test_linear_time.py in a process of its own: read and extract each hostile text of
SIZE characters, and print how long each took beside a plain article of the same size."""

import sys
import time
from pathlib import Path

from geo.corpus import read_document
from geo.extract.mentions import Extractor
from geo.extract.rules import rules
from geo.gazetteer import Gazetteer
from geo.records import Document


def cases(size: int) -> dict[str, tuple[str, str]]:
    """name -> (suffix, text): runs of what the readers and rules look for."""
    model = rules()
    suffix = sorted(model.suffixes, key=len)[-1]
    unit = "长风公园开园了,市民前往游玩,绿地面积达3.5万平方米。"
    runs = {
        "plain": ("txt", unit),
        "spaces": ("txt", " "), "blank lines": ("txt", " \n"), "tabs": ("txt", "\t"),
        "digits": ("txt", "1"), "numerals": ("txt", "十"), "decimals": ("txt", "1."),
        "line list": ("txt", "1、"), "lines": ("txt", "号线"), "line prefix": ("txt", "轨交"),
        "station": ("txt", "站"), "longest suffix": ("txt", suffix), "park": ("txt", "公园"),
        "separators": ("txt", "、"), "list ends": ("txt", "等"), "counted": ("txt", "1站"),
        "stop word": ("txt", "的"), "cjk": ("txt", "长"), "latin": ("txt", "a"),
        "digits after a name": ("txt", "长风公园" + "1" * 200),
        "name after digits": ("txt", "1" * 200 + "长风公园"),
        "names in one run": ("txt", "长" * 30 + "公园"), "list in one run": ("txt", "长长、"),
        "kinds in one run": ("txt", "长长等园区"), "stations in one run": ("txt", "长长3站"),
        "roads in one run": ("txt", "长长路长长公园"),
        "quotes": ("txt", "“"), "brackets": ("txt", "（"), "ellipsis": ("txt", "…"),
        "md brackets": ("md", "["), "md links": ("md", "[a]("), "md headings": ("md", "#"),
        "md emphasis": ("md", "*"), "md quotes": ("md", ">"),
        "html open tags": ("html", "<a "), "html lt": ("html", "<"),
        "html close": ("html", "</"), "html declaration": ("html", "<!" + " " * 50),
        "html spaces": ("html", "<p>" + " " * 500), "html nested": ("html", "<div>"),
        "html comment": ("html", "<!--"), "html entity": ("html", "&"),
    }
    return {name: (kind, (piece * (size // len(piece) + 1))[:size])
            for name, (kind, piece) in runs.items()}


def main(size: int, folder: Path) -> None:
    extractor = Extractor(Gazetteer.load())
    extractor.mentions(Document(id="w", path=folder, text="长风公园。", title="w"))  # warm up
    for name, (kind, text) in cases(size).items():
        path = folder / f"case.{kind}"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        document = read_document(path)
        extractor.mentions(Document(id="c", path=path, text=document.text, title="c",
                                    city="上海市"))
        print(f"{name}\t{time.perf_counter() - start:.3f}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
