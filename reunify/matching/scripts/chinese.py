"""Chinese names: one unit per syllable, family name first, several spellings per syllable.

Families abroad write Chinese names in the spelling of where they come from: Hanyu Pinyin
(mainland), Wade-Giles (Taiwan: Chang Chih-ming), Hong Kong Cantonese (Chan, Cheung, Wong)
or the Hokkien and Teochew surname spellings of South-East Asia (Tan, Lim, Ong, Ng). The
syllables come from pypinyin and cantonese-romanisation; the South-East Asian surname
spellings, which no library gives, are listed below. Given names are split into syllables
because they are written "Xiaoming", "Xiao Ming" and "Xiao-Ming"; the caller joins them again.
"""

from __future__ import annotations

import functools

from ..text import to_ascii
from . import CHINESE_DOUBLE_SURNAMES

MAX_SYLLABLES = 6  # the longest names (two-syllable family name, four-syllable given name)

# Surname spellings of the Hokkien, Teochew and Hakka diaspora (Singapore, Malaysia,
# Indonesia, the Philippines), simplified and traditional forms.
_DIASPORA_SURNAMES = """
陈 陳 tan chin
林 lim
黄 黃 ng wee oei
王 ong
李 lee
吴 吳 goh ng
张 張 teo chong
刘 劉 lau low
蔡 chua
郑 鄭 tay teh
谢 謝 chia seah
杨 楊 yeo yong
许 許 koh khoo
郭 quek kwek
洪 ang
邱 丘 khoo
赖 賴 lai
徐 chee
周 chew
叶 葉 yap
苏 蘇 soh
庄 莊 chng
江 kang
萧 蕭 siow
高 koh
潘 phua
朱 choo
钟 鍾 chong
梁 leong
孙 孫 soon
胡 oh
马 馬 beh
宋 soong
冯 馮 foong
沈 sim
傅 poh
方 png
温 溫 oon
游 yew
余 yee
施 see
姚 yeo
"""


@functools.cache
def _diaspora() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in _DIASPORA_SURNAMES.strip().splitlines():
        chars = [w for w in line.split() if not w.isascii()]
        spellings = tuple(w for w in line.split() if w.isascii())
        for ch in chars:
            table[ch] = spellings
    return table


@functools.cache
def _cantonese():
    from cantoroman import Cantonese

    return Cantonese()


@functools.cache
def _to_traditional():
    import icu

    return icu.Transliterator.createInstance("Hans-Hant")


def _clean(form: str) -> str:
    return to_ascii(form.replace("ü", "u").replace("v", "u")) if form else ""


@functools.lru_cache(maxsize=20_000)
def syllable_forms(chars: str, surname: bool = False) -> tuple[str, ...]:
    """Spellings of one syllable (or a two-character surname), most common first."""
    from pypinyin import Style, lazy_pinyin, pinyin

    mandarin = "".join(lazy_pinyin(chars, v_to_u=True))
    wade = "".join(lazy_pinyin(chars, style=Style.WADEGILES))
    traditional = _to_traditional().transliterate(chars)
    canto_lists = _cantonese().getRoman(traditional)
    cantonese = "".join(r[0] for r in canto_lists if r) if all(canto_lists) else ""
    forms = [mandarin, wade, cantonese]
    if surname:
        # every reading of the character: 曾 is Zeng as a surname, Ceng in words
        for readings in pinyin(chars, heteronym=True, v_to_u=True):
            if len(chars) == 1:
                forms.extend(readings[:2])
        forms.extend(_diaspora().get(chars, ()) + _diaspora().get(traditional, ()))
        if len(canto_lists) == 1 and canto_lists[0]:
            forms.extend(canto_lists[0][1:2])
    out = [_clean(f) for f in forms]
    return tuple(dict.fromkeys(f for f in out if f))


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    """A Chinese name as units: family name (one or two characters), then one per syllable."""
    chars = [ch for ch in word if ch.isalpha()]
    if not chars:
        return []
    if len(chars) > MAX_SYLLABLES:  # not one name: no syllable units (bounded work)
        return [(word, (to_ascii(word),))]
    out = []
    start = 0
    head = "".join(chars[:2])
    if len(chars) >= 3 and head in CHINESE_DOUBLE_SURNAMES:
        out.append((head, syllable_forms(head, surname=True)))
        start = 2
    elif len(chars) >= 2:
        out.append((chars[0], syllable_forms(chars[0], surname=True)))
        start = 1
    for ch in chars[start:]:
        out.append((ch, syllable_forms(ch, surname=len(chars) == 1)))
    return out
