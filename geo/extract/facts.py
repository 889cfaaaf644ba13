"""The facts a sentence states near a mention: dates, areas, sums of money and counts, each
with its text as written and a normalised value (ISO date, square metres, yuan)."""

from __future__ import annotations

import re

from geo.records import Fact

# Every fact starts with a numeral or 今/去/明年; the lookahead lets the regex engine skip
# other characters at once instead of trying the optional year at each of them.
FACT_START = re.compile(r"[\d一二两三四五六七八九十百千今去明]")
FACT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(
        r"(?=[\d今去明])(?:(?P<year>\d{4})年|(?P<relative>今年|去年|明年))?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?"
        r"|(?P<year_only>\d{4})年")),
    ("area", re.compile(
        r"(?P<number>[\d.]+|[一二两三四五六七八九十百千]+)(?:多|余)?(?P<unit>万平方米|平方米|平方公里"
        r"|公顷|万亩|亩|万方|方|㎡)")),
    ("money", re.compile(r"(?P<number>[\d.]+)(?:多|余)?(?P<unit>亿元|万元|元)")),
    ("count", re.compile(r"(?P<number>[\d.]+)(?:多|余)?(?P<unit>万)?(?:家|个|户|人|名)"
                         r"(?:企业|岗位|居民|人才)?")),
]
# A character every fact of the kind contains (its unit), checked before the full pattern.
FACT_UNITS = {"date": re.compile("[年月]"), "area": re.compile("[米里顷亩方㎡]"),
              "money": re.compile("元"), "count": re.compile("[家个户人名]")}
AREA_M2 = {"平方米": 1, "㎡": 1, "方": 1, "万平方米": 1e4, "万方": 1e4, "平方公里": 1e6,
           "公顷": 1e4, "亩": 10000 / 15, "万亩": 1e8 / 15}
MONEY_YUAN = {"元": 1, "万元": 1e4, "亿元": 1e8}
CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def number(text: str) -> float | None:
    """Arabic (3700, 6.9) or simple Chinese (七, 十二, 三百) numerals."""
    try:
        return float(text)
    except ValueError:
        pass
    total, digit = 0, 0
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            total += (digit or 1) * CHINESE_UNITS[char]
            digit = 0
        else:
            return None
    return float(total + digit)


def fact_value(kind: str, match: re.Match[str], year: int | None) -> str | float | None:
    if kind == "date":
        if match.group("year_only"):
            return match.group("year_only")
        offset = {"今年": 0, "去年": -1, "明年": 1}.get(match.group("relative") or "", 0)
        base = int(match.group("year")) if match.group("year") else year
        if base is None:
            return None
        day = f"-{int(match.group('day')):02d}" if match.group("day") else ""
        return f"{base + offset}-{int(match.group('month')):02d}{day}"
    amount = number(match.group("number"))
    if amount is None:
        return None
    if kind == "area":
        return round(amount * AREA_M2[match.group("unit")], 1)
    if kind == "money":
        return amount * MONEY_YUAN[match.group("unit")]
    return amount * (1e4 if match.group("unit") else 1)


def facts_in(sentence: str, year: int | None = None) -> tuple[Fact, ...]:
    """Dates, areas, sums of money and counts a sentence states, with normalised values:
    ISO dates (今年 read as the article's year), square metres, yuan."""
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    if not FACT_START.search(sentence):
        return ()
    for kind, pattern in FACT_PATTERNS:
        if not FACT_UNITS[kind].search(sentence):
            continue  # no unit of this kind: skip the slower full pattern
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append(Fact(kind=kind, text=match.group(),  # type: ignore[arg-type]
                              value=fact_value(kind, match, year)))
    return tuple(found)
