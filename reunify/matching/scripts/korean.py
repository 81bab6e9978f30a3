"""Korean names: family name first, one unit per syllable, several spellings per syllable.

Koreans abroad rarely write their name in Revised Romanization (Gim Jihun): passports and
families use older or personal spellings (Kim Ji-hoon, Park, Choi, Lee, Jung). Each syllable
gets the Revised Romanization (korean-romanizer), the popular spelling (hangul-names, as
Korean drama and news sites write names: oo, u for eo, Suh) and a McCune-Reischauer-like
spelling (k, t, p, ch for g, d, b, j; o for eo). Surnames also get the spellings people use
for them, which follow no rule (이 Lee, Yi, Rhee; 박 Park, Pak).
"""

from __future__ import annotations

import functools
import re

from ..text import to_ascii

MAX_SYLLABLES = 6  # the longest names (two-syllable family name, four-syllable given name)

# Two-syllable family names
_DOUBLE_SURNAMES = frozenset(
    ["남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절"]
)

# Surname spellings in use besides the rule-based ones (passport and diaspora usage)
_SURNAMES = """
김 kim
이 lee yi rhee rhie li
리 lee ri rhee
박 park pak bak
최 choi choe
정 jung jeong chung cheong
강 kang
조 cho jo
윤 yoon yun
장 jang chang
임 lim im
림 lim
한 han
오 oh o
서 seo suh so
신 shin sin
권 kwon kwun
황 hwang whang
안 ahn an
송 song
류 ryu yoo yu lyu
유 yoo yu you
홍 hong
전 jeon jun chun chon
고 ko go koh
문 moon mun
양 yang
손 son sohn
배 bae bai pae
백 baek paek baik
허 heo huh hur
남 nam
노 noh roh no
하 ha
곽 kwak kwag
성 sung seong
차 cha
주 joo ju chu
우 woo wu
구 koo ku gu
민 min
라 ra na
나 na ra
진 jin chin
엄 eom um uhm
채 chae chai
원 won
천 chun cheon
방 bang pang
공 kong gong
현 hyun hyeon
함 ham hahm
변 byun byeon pyun
염 yeom yum
여 yeo yuh yo
추 choo chu
도 do doh
석 seok suk
선 sun seon
설 seol sul
마 ma
길 gil kil
연 yeon yun
위 wi wee
표 pyo
명 myung myeong
기 ki gi
반 ban pan
왕 wang
금 geum keum kum
옥 ok
육 yook yuk
인 in
맹 maeng
제 je jeh
모 mo
탁 tak
국 kook guk
"""


@functools.cache
def _surnames() -> dict[str, tuple[str, ...]]:
    table = {}
    for line in _SURNAMES.strip().splitlines():
        hangul, *spellings = line.split()
        table[hangul] = tuple(spellings)
    return table


@functools.cache
def _popular_ruleset():
    from hangul_names.dramawiki import DramaWiki

    return DramaWiki().ruleset


def _revised(syllable: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return Romanizer(syllable).romanize()


def _popular(syllable: str) -> str:
    from hangul_names.dramawiki import DramaWiki
    from hangul_names.words import Syllable

    override = DramaWiki.syllable_overrides.get(syllable)
    if override:
        return override
    return Syllable(char=syllable, ruleset=_popular_ruleset()).romanize()


_MR_INITIAL = {"g": "k", "d": "t", "b": "p", "j": "ch"}


def _mccune(revised: str) -> str:
    """McCune-Reischauer as typed without breves: Kim Chi-hun, Pak, Chong."""
    out = revised
    if out[:1] in _MR_INITIAL and out[:2] != "jj":
        out = _MR_INITIAL[out[0]] + out[1:]
    out = out.replace("eo", "o").replace("eu", "u")
    return re.sub(r"^si", "shi", out)


@functools.lru_cache(maxsize=20_000)
def syllable_forms(syllables: str, surname: bool = False) -> tuple[str, ...]:
    """Spellings of one syllable (or a two-syllable surname), most common first."""
    popular = "".join(_popular(s) for s in syllables)
    revised = "".join(_revised(s) for s in syllables)
    forms = [popular, revised, _mccune(revised)]
    if surname:
        forms = list(_surnames().get(syllables, ())) + forms
    cleaned = (to_ascii(f) for f in forms)
    return tuple(dict.fromkeys(f for f in cleaned if f))


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    syllables = [ch for ch in word if "\uac00" <= ch <= "\ud7af"]
    if not syllables:
        return []
    if len(syllables) > MAX_SYLLABLES:  # not one name: no syllable units (bounded work)
        return [(word, (to_ascii(word),))]
    out = []
    start = 0
    if len(syllables) >= 4 and "".join(syllables[:2]) in _DOUBLE_SURNAMES:
        head = "".join(syllables[:2])
        out.append((head, syllable_forms(head, surname=True)))
        start = 2
    elif len(syllables) >= 2:
        out.append((syllables[0], syllable_forms(syllables[0], surname=True)))
        start = 1
    for syllable in syllables[start:]:
        out.append((syllable, syllable_forms(syllable, surname=len(syllables) == 1)))
    return out
