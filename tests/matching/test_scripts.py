"""Names written in Chinese, Japanese, Korean, Indic, Thai, Hebrew and Greek scripts meet the
Latin spelling a family abroad writes."""

import json
import subprocess
import sys

import pytest

from reunify.matching import MatchIndex, PersonRecord, query_keys, record_keys, score_pair
from reunify.matching.scripts import han_language, native_units

# A small board: every native name among people of the same script
BOARD = [
    "佐藤 大翔",
    "佐藤 陽菜",
    "鈴木 大輔",
    "高橋 一郎",
    "김지훈",
    "김민준",
    "이서연",
    "박지훈",
    "王小明",
    "王建国",
    "陈志明",
    "张伟",
    "สมชาย ใจดี",
    "สมศักดิ์ แก้วมณี",
    "अमित शर्मा",
    "राहुल वर्मा",
    "দেবাশীষ চ্যাটার্জি",
    "রহিম উদ্দিন",
    "முருகன் செல்வம்",
    "செந்தில் குமார்",
    "יצחק כהן",
    "משה לוי",
    "Γεώργιος Παπαδόπουλος",
    "Νικόλαος Παππάς",
]


@pytest.fixture(scope="module")
def board():
    posts = [PersonRecord(id=f"p{i}", full_name=name) for i, name in enumerate(BOARD)]
    return MatchIndex(posts), {f"p{i}": name for i, name in enumerate(BOARD)}


def _top(board, query: str, k: int = 3) -> list[str]:
    index, names = board
    found = index.candidates(PersonRecord(id="q", full_name=query), limit=k, min_level="none")
    return [names[post_id] for post_id, _ in found[:k]]


@pytest.mark.parametrize(
    ("latin", "native"),
    [
        ("Haruto Sato", "佐藤 大翔"),
        ("Hiroto Satou", "佐藤 大翔"),
        ("Kim Ji-hoon", "김지훈"),
        ("Jihoon Kim", "김지훈"),
        ("Lee Seo-yeon", "이서연"),
        ("Xiaoming Wang", "王小明"),
        ("Wong Siu Ming", "王小明"),
        ("Chan Chi Ming", "陈志明"),
        ("Tan Chee Ming", "陈志明"),
        ("Somchai Jaidee", "สมชาย ใจดี"),
        ("Amit Sharma", "अमित शर्मा"),
        ("Debashish Chatterjee", "দেবাশীষ চ্যাটার্জি"),
        ("Murugan Selvam", "முருகன் செல்வம்"),
        ("Yitzhak Cohen", "יצחק כהן"),
        ("Isaac Cohen", "יצחק כהן"),
        ("George Papadopoulos", "Γεώργιος Παπαδόπουλος"),
    ],
)
def test_a_latin_spelling_finds_the_name_written_natively(board, latin, native):
    assert _top(board, latin)[0] == native


def test_search_keys_of_a_latin_query_meet_the_native_post():
    post = PersonRecord(id="p", full_name="佐藤 大翔")
    assert query_keys("Haruto Sato") & record_keys(post)
    assert query_keys("Kim Ji-hoon") & record_keys(PersonRecord(id="k", full_name="김지훈"))


def test_cjk_names_are_read_family_name_first_and_split_at_the_family_name():
    assert [display for display, _ in native_units("佐藤大翔", "ja")] == ["佐藤", "大翔"]
    assert [display for display, _ in native_units("김지훈")] == ["김", "지", "훈"]
    assert [display for display, _ in native_units("欧阳娜娜")] == ["欧阳", "娜", "娜"]
    result = score_pair(
        PersonRecord(id="a", full_name="佐藤大翔"),
        PersonRecord(id="b", given_name="Hiroto", family_name="Sato"),
    )
    fields = {reason.field for reason in result.reasons}
    assert {"given_name", "family_name"} <= fields


def test_a_kanji_name_keeps_several_readings():
    readings = dict(native_units("佐藤陽菜", "ja"))
    assert {"haruna", "hina"} <= set(readings["陽菜"])
    assert {"sato", "satou", "satoh"} <= set(readings["佐藤"])


def test_korean_surnames_carry_the_spellings_people_use():
    surname = dict(native_units("이서연"))["이"]
    assert {"lee", "yi", "rhee"} <= set(surname)
    assert {"park", "pak"} <= set(dict(native_units("박지훈"))["박"])


def test_chinese_surnames_carry_cantonese_wade_giles_and_hokkien_spellings():
    assert {"wang", "wong", "ong"} <= set(dict(native_units("王小明"))["王"])
    assert {"zhang", "chang", "cheung"} <= set(dict(native_units("张伟"))["张"])


def test_han_characters_alone_are_read_as_japanese_or_chinese_by_the_shape_of_the_name():
    assert han_language("佐藤 大翔") == "ja"
    assert han_language("佐藤大翔") == "ja"
    assert han_language("王小明") == "zh"
    assert han_language("さとう はると") == "ja"


def test_an_unsure_han_name_is_also_read_the_other_way():
    # 林 陽一 looks Chinese by its shape (one-character family name) but is Japanese
    result = score_pair(
        PersonRecord(id="a", full_name="林 陽一"), PersonRecord(id="b", full_name="Yoichi Hayashi")
    )
    assert result.level == "likely"


def test_a_match_across_scripts_is_explained_as_the_same_name_in_two_scripts():
    result = score_pair(
        PersonRecord(id="a", full_name="김지훈"), PersonRecord(id="b", full_name="Jihoon Kim")
    )
    names = [r.template for r in result.reasons if r.field in ("given_name", "family_name")]
    assert len(names) == 2
    assert all("same name in two scripts" in text for text in names)


def test_indic_names_lose_the_vowels_hindi_and_bengali_do_not_say():
    assert native_units("रहमान")[0][1][0] == "rahman"
    assert "sarma" in native_units("शर्मा")[0][1]
    assert native_units("முருகன்")[0][1][0] == "murugan"


def _modules_loaded_after(code: str) -> dict:
    script = (
        "import json, sys\n"
        "from reunify.matching import PersonRecord, score_pair\n"
        f"{code}\n"
        "libs = ['pypinyin', 'cantoroman', 'pykakasi', 'korean_romanizer', 'hangul_names',"
        " 'pythainlp']\n"
        "print(json.dumps({lib: lib in sys.modules for lib in libs}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_library_loads_no_script_dictionary_until_a_name_in_that_script_arrives():
    latin_only = _modules_loaded_after(
        "score_pair(PersonRecord(id='a', full_name='Jean Dupont'),"
        " PersonRecord(id='b', full_name='Иван Петров'))"
    )
    assert not any(latin_only.values())
    korean = _modules_loaded_after(
        "score_pair(PersonRecord(id='a', full_name='김지훈'),"
        " PersonRecord(id='b', full_name='Kim Ji-hoon'))"
    )
    assert korean["korean_romanizer"] and korean["hangul_names"]
    assert not (korean["pypinyin"] or korean["pykakasi"] or korean["pythainlp"])


@pytest.mark.parametrize("letter", ["王", "김", "佐", "ส", "अ", "א", "α"])
def test_a_name_as_long_as_allowed_in_any_script_is_read_in_bounded_time(letter):
    import time

    long_name = PersonRecord(id="long", full_name=letter * 1000)
    score_pair(long_name, PersonRecord(id="warm", full_name="Wang Xiaoming"))  # libraries loaded
    started = time.process_time()
    record_keys(PersonRecord(id="long2", full_name=(letter * 999) + "王"))
    score_pair(
        PersonRecord(id="long3", full_name=letter * 998),
        PersonRecord(id="b", full_name="Wang Xiaoming"),
    )
    assert time.process_time() - started < 3
