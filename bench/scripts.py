"""Native-script names against the Latin spelling a family abroad writes: recall@5 per script.

    python -m bench.scripts                          # seed 1, 60 reports per script
    python -m bench.scripts --before ../main-worktree   # also the engine of another checkout
    python -m bench.scripts --scripts japanese korean --per-script 100 --seed 2
    python -m bench.scripts --memory                 # what each script adds to a worker

For each of ten scripts, people are drawn from `faker`'s name lists for the locale
(ja_JP, zh_CN/zh_TW, ko_KR, th_TH, hi_IN, bn_BD, ta_IN, he_IL, el_GR, fa_IR). The found
report holds the name as a local hospital writes it (native script; family name first for
Chinese, Japanese and Korean, with or without a space); the missing-person post holds one
common Latin spelling, in the order a family abroad uses, drawn at random from the ways
people romanise that script (below). Every report is searched among all posts of its
script (POOL_FACTOR times as many people as reports), and the bench reports whether the
true post is in the top 5, for the engine (through its command-line linker) and for the
naive baseline (ICU Any-Latin + rapidfuzz token_sort_ratio) on the same data.

The Latin spellings come from sources independent of the engine where they exist (faker's
romanised Japanese and Taiwanese names, ICU UNGEGN Greek, indic-transliteration IAST,
hand-listed English spellings of Hebrew names); where the only source is a library the
engine also uses (pypinyin, cantonese-romanisation, hangul-names, pythainlp), the spelling
is drawn among its schemes with the habits people add (hyphens, oo for u, dropped h).
Nothing in the engine is tuned to these data.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench.datasets import baseline, metrics
from bench.datasets.runner import DEFAULT_ENGINE, run_linker

POOL_FACTOR = 2  # posts per report: the others are distractors of the same script
SCRIPTS = (
    "japanese",
    "chinese",
    "korean",
    "thai",
    "tamil",
    "hebrew",
    "bengali",
    "hindi",
    "greek",
    "persian",
)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isascii() and (ch.isalpha() or ch in " -'"))


def _cap(text: str) -> str:
    return "-".join(part.capitalize() for part in text.split("-"))


def _order(rng: random.Random, given: str, family: str, family_first_share: float) -> str:
    if rng.random() < family_first_share:
        return f"{family} {given}"
    return f"{given} {family}"


# ---- people per script: (native, latin) ---------------------------------------------------


def _weighted(rng: random.Random, table) -> str:
    if isinstance(table, dict):
        keys = list(table)
        return rng.choices(keys, weights=[table[k] for k in keys])[0]
    return rng.choice(list(table))


def _japanese(rng: random.Random) -> tuple[str, str]:
    from faker.providers.person.ja_JP import Provider as P

    kanji_g, kana_g, roman_g = rng.choice(list(P.first_name_pairs))
    kanji_f, kana_f, roman_f = rng.choice(list(P.last_name_pairs))
    roll = rng.random()
    if roll < 0.6:
        native = f"{kanji_f} {kanji_g}"
    elif roll < 0.9:
        native = f"{kanji_f}{kanji_g}"
    else:
        native = f"{kana_f} {kana_g}"  # katakana, as written when the kanji are not known
    # families write long vowels dropped (faker's spelling), doubled or with h
    if rng.random() < 0.2:
        roman_f = re.sub(r"o(?=[^aeiou]|$)", "ou", roman_f, count=1)
    elif rng.random() < 0.1:
        roman_f = re.sub(r"o$", "oh", roman_f)
    return native, _order(rng, roman_g.capitalize(), roman_f.capitalize(), 0.2)


def _chinese(rng: random.Random) -> tuple[str, str]:
    from cantoroman import Cantonese
    from faker.providers.person import zh_CN, zh_TW
    from pypinyin import Style, lazy_pinyin

    taiwan = rng.random() < 0.3
    provider = zh_TW.Provider if taiwan else zh_CN.Provider
    family = _weighted(rng, provider.last_names)
    given = _weighted(rng, provider.first_names)
    if len(family) > 1 and rng.random() < 0.5:
        family = _weighted(rng, provider.last_names)
    native = family + given if rng.random() < 0.8 else f"{family} {given}"
    roll = rng.random()
    if taiwan or roll < 0.15:
        syllables = lazy_pinyin(given, style=Style.WADEGILES)
        surname = "".join(lazy_pinyin(family, style=Style.WADEGILES))
    elif roll < 0.3:
        canto = Cantonese()
        syllables = [(r[0] if r else "") for r in canto.getRoman(given)]
        surname = "".join(r[0] if r else "" for r in canto.getRoman(family))
        if not all(syllables) or not surname:
            syllables = lazy_pinyin(given)
            surname = "".join(lazy_pinyin(family))
    else:
        syllables = lazy_pinyin(given, v_to_u=True)
        surname = "".join(lazy_pinyin(family, v_to_u=True))
    syllables = [_ascii(s.replace("v", "ü")).replace("'", "") for s in syllables]
    surname = _ascii(surname.replace("v", "ü")).replace("'", "")
    joiner = "-" if (taiwan or rng.random() < 0.25) else ("" if rng.random() < 0.85 else " ")
    given_latin = (
        _cap(joiner.join(syllables))
        if joiner != " "
        else " ".join(s.capitalize() for s in syllables)
    )
    return native, _order(rng, given_latin, surname.capitalize(), 0.35)


def _korean(rng: random.Random) -> tuple[str, str]:
    from faker.providers.person.ko_KR import Provider as P
    from hangul_names.dramawiki import DramaWiki
    from hangul_names.words import Syllable
    from korean_romanizer.romanizer import Romanizer

    family = _weighted(rng, P.last_names)
    given = _weighted(rng, P.first_names)
    native = family + given if rng.random() < 0.85 else f"{family} {given}"
    popular = rng.random() < 0.6
    wiki = DramaWiki()

    def spell(syllable: str) -> str:
        if popular:
            return (
                wiki.syllable_overrides.get(syllable)
                or Syllable(char=syllable, ruleset=wiki.ruleset).romanize()
            )
        return Romanizer(syllable).romanize()

    syllables = [spell(s) for s in given]
    surname = (
        wiki.surname_overrides.get(family) or spell(family)
        if rng.random() < 0.7
        else Romanizer(family).romanize()
    )
    joiner = rng.choice(["-", "-", ""])
    given_latin = _cap(joiner.join(syllables))
    return native, _order(rng, given_latin, surname.capitalize(), 0.45)


def _thai(rng: random.Random) -> tuple[str, str]:
    from faker.providers.person.th_TH import Provider as P
    from pythainlp.transliterate import romanize

    given, family = rng.choice(list(P.first_names)), rng.choice(list(P.last_names))

    def spell(word: str) -> str:
        out = romanize(word, engine="royin")
        if rng.random() < 0.3:
            out = re.sub(r"(?<=[ptk])h", "", out)
        if rng.random() < 0.2:
            out = re.sub(r"i$", "ee", out)
        return out.capitalize()

    return f"{given} {family}", f"{spell(given)} {spell(family)}"


_V = "aeiouāīūēō"


def _spoken(iso: str) -> str:
    """Hindi and Bengali say most inherent vowels not: final ones, and a between two single
    consonants that sit between vowels (ra-ha-mā-na: Rahman)."""
    out = re.sub(rf"(?<=[^{_V}])a$", "", iso) if len(re.findall(f"[{_V}]", iso)) > 1 else iso
    return re.sub(rf"(?<=[{_V}][^{_V}h])a(?=[^{_V}h][{_V}])", "", out)


def _indic(locale: str) -> Callable[[random.Random], tuple[str, str]]:
    def person(rng: random.Random) -> tuple[str, str]:
        import importlib

        import icu

        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given = rng.choice(list(provider.first_names))
        family = rng.choice(list(provider.last_names))
        tr = icu.Transliterator.createInstance("Any-Latin")

        def spell(word: str) -> str:
            iso = unicodedata.normalize("NFC", tr.transliterate(word))
            if locale == "ta_IN":
                iso = re.sub(rf"(?<=[{_V}ṅ])k(?=[{_V}])", "g", iso) if rng.random() < 0.7 else iso
                iso = iso.replace("tt", "th").replace("nt", "nth") if rng.random() < 0.7 else iso
                iso = re.sub(r"^c", "s", iso)
            elif rng.random() < 0.85:
                iso = _spoken(iso)
            iso = iso.replace("ś", "sh").replace("ṣ", "sh").replace("ḻ", "zh")
            iso = iso.replace("ch", "chh").replace("c", "ch")
            out = _ascii(iso).lower()
            if rng.random() < 0.15:
                out = out.replace("sh", "s")
            return out.capitalize()

        return f"{given} {family}", f"{spell(given)} {spell(family)}"

    return person


# Hebrew names with the English spelling Israeli families use (bench data only)
_HEBREW_GIVEN = """
אברהם Avraham|Abraham; יצחק Yitzhak|Itzhak|Isaac; יעקב Yaakov|Jacob; משה Moshe; דוד David;
שלמה Shlomo; יוסף Yosef|Joseph; שמואל Shmuel|Samuel; דניאל Daniel; מיכאל Michael;
אריה Arie|Aryeh; יונתן Yonatan|Jonathan; אורי Uri; איתן Eitan|Ethan; נועם Noam; עומר Omer;
איתי Itai; רועי Roy|Roi; גיא Guy; אמיר Amir; אלון Alon; רון Ron; עידו Ido; יהודה Yehuda;
שרה Sarah|Sara; רחל Rachel; לאה Leah; רבקה Rivka|Rebecca; מרים Miriam; חנה Hannah|Chana;
נועה Noa; תמר Tamar; מיכל Michal; יעל Yael; שירה Shira; אסתר Esther; רות Ruth; דבורה Dvora|Deborah;
אביגיל Avigail|Abigail; הדס Hadas; ליאת Liat; אורית Orit; שני Shani; מאיה Maya; אפרת Efrat
"""
_HEBREW_FAMILY = """
כהן Cohen|Kohen; לוי Levi|Levy; מזרחי Mizrahi; פרץ Peretz; ביטון Biton; דהן Dahan; אברהם Avraham;
פרידמן Friedman; שפירא Shapira|Shapiro; כץ Katz; אזולאי Azoulay|Azulai; גבאי Gabay|Gabai;
מלכה Malka; חדד Hadad; גולן Golan; אוחיון Ohayon; יוסף Yosef; שלום Shalom; אשכנזי Ashkenazi;
ברק Barak; רוזנברג Rosenberg; גולדשטיין Goldstein; שטרן Stern; וייס Weiss; בן דוד Ben David;
סויסה Swisa; עמר Amar; קליין Klein; נחום Nachum|Nahum; חזן Hazan|Chazan; טל Tal; אלמוג Almog
"""


def _pairs(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for item in text.replace("\n", " ").split(";"):
        item = item.strip()
        if item:
            hebrew, latin = item.rsplit(" ", 1)
            out.append((hebrew, latin.split("|")))
    return out


def _hebrew(rng: random.Random) -> tuple[str, str]:
    given, given_latin = rng.choice(_pairs(_HEBREW_GIVEN))
    family, family_latin = rng.choice(_pairs(_HEBREW_FAMILY))
    return f"{given} {family}", f"{rng.choice(given_latin)} {rng.choice(family_latin)}"


def _greek(rng: random.Random) -> tuple[str, str]:
    import icu
    from faker.providers.person.el_GR import Provider as P

    male = rng.random() < 0.5
    given = rng.choice(list(P.first_names_male if male else P.first_names_female))
    family = rng.choice(list(P.last_names_male if male else P.last_names_female))
    scheme = "Greek-Latin/UNGEGN" if rng.random() < 0.6 else "Greek-Latin"
    tr = icu.Transliterator.createInstance(scheme)
    native = f"{given} {family}"
    return native, _ascii(tr.transliterate(native))


def _persian(rng: random.Random) -> tuple[str, str]:
    from arabic_name_romanizer import Transliterator
    from faker.providers.person.fa_IR import Provider as P

    given, family = rng.choice(list(P.first_names)), rng.choice(list(P.last_names))
    tr = _persian_romanizer(Transliterator)
    spelled = []
    for word in (given, family):
        result = tr.transliterate(word, top_k=1)
        spelled.append(result if isinstance(result, str) else result[0].text)
    latin = " ".join(spelled)
    return f"{given} {family}", latin.title()


_ROMANIZERS: dict = {}


def _persian_romanizer(cls):
    if "fa" not in _ROMANIZERS:
        _ROMANIZERS["fa"] = cls(auto_load_model=False)
    return _ROMANIZERS["fa"]


PEOPLE: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "japanese": _japanese,
    "chinese": _chinese,
    "korean": _korean,
    "thai": _thai,
    "tamil": _indic("ta_IN"),
    "hebrew": _hebrew,
    "bengali": _indic("bn_BD"),
    "hindi": _indic("hi_IN"),
    "greek": _greek,
    "persian": _persian,
}


def build(script: str, seed: int, reports: int):
    """(posts, reports, truth): Latin posts of POOL_FACTOR x reports people, native reports."""
    rng = random.Random(f"{script}-{seed}")
    people = []
    seen = set()
    while len(people) < reports * POOL_FACTOR:
        native, latin = PEOPLE[script](rng)
        if native in seen:
            continue
        seen.add(native)
        people.append((native, latin))
    posts = [{"id": f"p{i}", "full_name": latin} for i, (_, latin) in enumerate(people)]
    found = [{"id": f"r{i}", "full_name": people[i][0]} for i in range(reports)]
    truth = {f"r{i}": {f"p{i}"} for i in range(reports)}
    return posts, found, truth


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "full_name"])
        writer.writeheader()
        writer.writerows(rows)


def _engine_recall(cmd: str, cwd: str | None, posts, found, truth) -> tuple[float, list]:
    with tempfile.TemporaryDirectory(prefix="reunify-scripts-") as tmp:
        left, right, out = Path(tmp) / "left.csv", Path(tmp) / "right.csv", Path(tmp) / "p.csv"
        _write(left, posts)
        _write(right, found)
        if cwd is None:
            pairs = run_linker(cmd, left, right, out).pairs
        else:  # another checkout's engine: run from its directory so it imports its own code
            command = [*cmd.split(), "link", str(left), str(right), "--out", str(out)]
            subprocess.run(command, cwd=cwd, check=True, capture_output=True, timeout=1800)
            pairs = metrics.read_pairs(out)
    return metrics.recall_at_k(pairs, truth), pairs


# One name per script family, scored in a fresh process: what its first name costs a worker.
_MEMORY_PROBE = """
import json, sys, time
def rss():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS")) / 1024
from reunify.matching import PersonRecord, score_pair
score_pair(PersonRecord(id="a", full_name="Jean Dupont"), PersonRecord(id="b", full_name="Jan Dupond"))
base, out = rss(), {}
for name in sys.argv[1:]:
    before, started = rss(), time.perf_counter()
    score_pair(PersonRecord(id="a", full_name=name), PersonRecord(id="b", full_name="Some Body"))
    out[name] = (time.perf_counter() - started, rss() - before)
print(json.dumps({"base": base, "names": out, "total": rss() - base}))
"""
MEMORY_NAMES = {
    "japanese": "佐藤 大翔",
    "chinese": "王小明",
    "korean": "김지훈",
    "thai": "สมชาย ใจดี",
    "indic": "अमित शर्मा",
    "hebrew": "יצחק כהן",
    "greek": "Γεώργιος Παπαδόπουλος",
}


def memory() -> None:
    """Start-up time and memory each script family adds to a worker (Linux /proc)."""
    import json

    def probe(names: list[str]) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE, *names],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    print(f"{'script':<10} {'first name (s)':>14} {'added RSS (MB)':>15}")
    for script, name in MEMORY_NAMES.items():
        seconds, added = probe([name])["names"][name]
        print(f"{script:<10} {seconds:>14.2f} {added:>15.1f}")
    everything = probe(list(MEMORY_NAMES.values()))
    print(
        f"library alone {everything['base']:.0f} MB; every script loaded adds "
        f"{everything['total']:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scripts", description=__doc__)
    parser.add_argument("--seed", type=int, nargs="+", default=[1])
    parser.add_argument("--per-script", type=int, default=60, help="reports per script")
    parser.add_argument("--scripts", nargs="+", choices=SCRIPTS, default=list(SCRIPTS))
    parser.add_argument("--before", help="a checkout whose engine is run too (e.g. main)")
    parser.add_argument("--misses", type=int, default=0, help="engine misses listed per script")
    parser.add_argument("--memory", action="store_true", help="load cost per script, then stop")
    args = parser.parse_args(argv)
    if args.memory:
        memory()
        return 0
    engine_cmd = DEFAULT_ENGINE
    before_cmd = f"{sys.executable} -m reunify.matching"
    head = f"{'script':<10} {'reports':>7} | {'before':>6} | {'engine':>6} | {'naive':>6}"
    print("recall@5: native-script report vs Latin post, among the script's posts")
    print(head)
    print("-" * len(head))
    totals = {"before": [], "engine": [], "naive": []}
    miss_lines = []
    started = time.perf_counter()
    for script in args.scripts:
        cells = {"before": [], "engine": [], "naive": []}
        for seed in args.seed:
            posts, found, truth = build(script, seed, args.per_script)
            rows = baseline.link(posts, found, "icu")
            naive_pairs = [metrics.Pair(lid, rid, v, False) for lid, rid, v, _ in rows]
            cells["naive"].append(metrics.recall_at_k(naive_pairs, truth))
            recall, pairs = _engine_recall(engine_cmd, None, posts, found, truth)
            cells["engine"].append(recall)
            if args.before:
                cells["before"].append(
                    _engine_recall(before_cmd, args.before, posts, found, truth)[0]
                )
            if args.misses:
                names = {r["id"]: r["full_name"] for r in posts + found}
                ranked = metrics.ranked_by_right(pairs)
                for rid, lids in list(truth.items()):
                    top = [p.left_id for p in ranked.get(rid, [])[:5]]
                    if not lids & set(top) and len(miss_lines) < args.misses * len(SCRIPTS):
                        want = names[next(iter(lids))]
                        got = ", ".join(names[t] for t in top) or "nothing"
                        miss_lines.append(f"  {script}: {names[rid]} -> want {want}; top: {got}")
        row = []
        for kind in ("before", "engine", "naive"):
            values = cells[kind]
            if values:
                mean = sum(values) / len(values)
                totals[kind].append(mean)
                row.append(f"{mean:>6.3f}")
            else:
                row.append(f"{'-':>6}")
        reports = args.per_script * len(args.seed)
        print(f"{script:<10} {reports:>7} | " + " | ".join(row))
    print("-" * len(head))
    row = []
    for kind in ("before", "engine", "naive"):
        values = totals[kind]
        row.append(f"{sum(values) / len(values):>6.3f}" if values else f"{'-':>6}")
    print(f"{'all':<10} {'':>7} | " + " | ".join(row))
    print(f"({time.perf_counter() - started:.0f} s)")
    if miss_lines:
        print("\nengine misses:")
        print("\n".join(miss_lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
