"""The world: households, who is searched for, who turns up on which list, and how it is written.

Every rate used here is a named constant with the reason for its value; the package docstring
lists them for readers of the data.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from bench.worldlists import names, noise
from bench.worldlists.choice import chance, pick
from bench.worldlists.rates import (
    ALSO_MISSING,
    ASCII_ONLY,
    DUPLICATE_POST,
    FATHER_NAME_COPIED,
    FATHER_NAME_WRITTEN,
    HOUSEHOLD_SIZE,
    LANGUAGE,
    NAME_FORMS,
    OCR_RATE,
    PASSERBY_AT_LAST_SEEN,
    POST_AGE_OFF_BY_ONE,
    POST_AGE_RANGE,
    POST_ALTERNATE_NAMES,
    POST_BIRTH_DATE,
    RELATIONS,
    RELATIVE_OF_POSTED,
    SELF_REPORT_MIN_AGE,
    SOURCE_MIX,
    TAKES_HUSBANDS_NAME,
    THIRD_PARTIES,
    THIRD_PARTY_AGE_FORMS,
    THIRD_PARTY_SEX_BLANK,
    THIRD_PARTY_SEX_WRONG,
    TITLES,
    TODAY,
    TRUE_SHARE,
    UNKNOWN,
)
from bench.worldlists.styles import STYLES, Style

# --- people -----------------------------------------------------------------------------------


@dataclass
class Person:
    key: int
    identity: names.Identity
    age: int
    birth_date: date
    household: int
    role: str  # head, spouse, child, grandparent
    convention: dict  # how this person's family writes the name
    relatives: list = field(default_factory=list)  # (role relation, Person) pairs


def build_population(style: Style, size: int, rng: Random, today: date) -> list[list[Person]]:
    households: list[list[Person]] = []
    people = 0
    while people < size:
        household = _household(style, len(households), people, rng, today)
        households.append(household)
        people += len(household)
    return households


def _household(style: Style, number: int, first_key: int, rng: Random, today: date) -> list[Person]:
    origin = pick(rng, style.origins)
    family = names.draw_family_name(origin, rng)
    convention = style.family_conventions[origin]
    size = pick(rng, HOUSEHOLD_SIZE)
    head_sex = pick(rng, {"M": 3, "F": 1})
    head_age = rng.randint(22, 80)
    members = []

    def add(role: str, sex: str, age: int, family_name: str, father: str) -> None:
        given = names.draw_given_name(origin, sex, rng)
        identity = names.Identity(origin, sex, given, family_name, father)
        birth = _birth_date(age, rng, today)
        members.append(
            Person(first_key + len(members), identity, age, birth, number, role, convention)
        )

    add("head", head_sex, head_age, family, names.draw_given_name(origin, "M", rng))
    if size >= 2 and head_age < 75:
        sex = "F" if head_sex == "M" else "M"
        spouse_family = family
        if sex == "F" and not chance(rng, TAKES_HUSBANDS_NAME.get(origin, 0.0)):
            spouse_family = names.draw_family_name(origin, rng)
        add(
            "spouse",
            sex,
            max(18, head_age + rng.randint(-8, 5)),
            spouse_family,
            names.draw_given_name(origin, "M", rng),
        )
    father = (
        members[0].identity.given
        if head_sex == "M"
        else (members[1].identity.given if len(members) > 1 else "")
    )
    while len(members) < size:
        child_age = head_age - rng.randint(20, 40)
        if child_age < 0:
            break
        add("child", pick(rng, {"M": 1, "F": 1}), child_age, family, father)
    _link_relatives(members)
    return members


def _birth_date(age: int, rng: Random, today: date) -> date:
    # The last birthday fell 0-364 days ago; the person was born ``age`` years before it.
    last_birthday = today - timedelta(days=rng.randint(0, 364))
    if (last_birthday.month, last_birthday.day) == (2, 29):
        last_birthday -= timedelta(days=1)
    return last_birthday.replace(year=last_birthday.year - age)


def _link_relatives(members: list[Person]) -> None:
    for person in members:
        for other in members:
            if other is not person:
                person.relatives.append((_relation(person.role, other.role), other))


def _relation(role: str, other_role: str) -> str:
    """What ``role`` is to ``other_role``: 'brother of', 'son of' ..."""
    if role == other_role == "child":
        return "sibling"
    if role == "child":
        return "child"
    if other_role == "child":
        return "parent"
    return "spouse"


# --- who is searched for, who is reported -----------------------------------------------------


def choose_missing(households: list[list[Person]], n_posts: int, rng: Random) -> list[Person]:
    """Posted people, a person posted twice listed twice (duplicates)."""
    order = list(range(len(households)))
    rng.shuffle(order)
    posted: list[Person] = []
    for index in order:
        members = households[index]
        first = rng.randrange(len(members))
        for position, person in enumerate(members):
            if position != first and not chance(rng, ALSO_MISSING):
                continue
            posted.append(person)
            if chance(rng, DUPLICATE_POST):
                posted.append(person)
            if len(posted) >= n_posts:
                return posted[:n_posts]
    return posted


def choose_report_subjects(households, posted: list[Person], n_reports: int, rng: Random):
    """(source, person) for each report: a posted person with the source's TRUE_SHARE, else a
    relative of one or anybody."""
    posted_keys = {person.key for person in posted}
    unique_posted = list({person.key: person for person in posted}.values())
    everyone = [
        person for members in households for person in members if person.key not in posted_keys
    ]
    relatives = [
        person
        for person in everyone
        if any(other.key in posted_keys for _, other in person.relatives)
    ]
    subjects = []
    for _ in range(n_reports):
        source = pick(rng, SOURCE_MIX)
        if unique_posted and chance(rng, TRUE_SHARE[source]):
            person = rng.choice(unique_posted)
        elif relatives and chance(rng, RELATIVE_OF_POSTED):
            person = rng.choice(relatives)
        else:
            person = rng.choice(everyone)
        if source == "self" and person.age < SELF_REPORT_MIN_AGE:
            source = "family"  # a young child does not write in; a parent or sibling does
        subjects.append((source, person))
    return subjects


# --- writing posts and reports ----------------------------------------------------------------


def write_post(person: Person, style: Style, rng: Random) -> dict:
    convention = pick(rng, person.convention)
    given, family, _ = names.write(person.identity, convention, rng)
    written = Written(given, family, "", LANGUAGE.get(convention, "en"), "")
    row = _name_fields(written, person, pick(rng, NAME_FORMS["post"]), rng)
    alternate = _alternate_names(person, convention, rng)
    row["alternate_names"] = "" if alternate == f"{given} {family}" else alternate
    row.update(_family_age(person, rng, with_birth_date=True))
    row.update(
        sex=person.identity.sex, last_seen_place=rng.choice(style.last_seen), source="family"
    )
    return row


def _alternate_names(person: Person, used: str, rng: Random) -> str:
    if not chance(rng, POST_ALTERNATE_NAMES):
        return ""
    others = [c for c in person.convention if c != used] or ["latin_en"]
    convention = rng.choice(others)
    given, family, _ = names.write(person.identity, convention, rng)
    return f"{given} {family}"


def write_report(
    source: str, person: Person, style: Style, rng: Random, last_seen: str | None
) -> dict:
    if source in THIRD_PARTIES:
        convention = pick(rng, style.writer_conventions[source])
    else:
        convention = pick(rng, person.convention)
    russian_speaker = convention == "cyrillic" and chance(rng, style.russian_speaking_clerks)
    given, family, father = names.write(person.identity, convention, rng, russian_speaker)
    if not (
        source in THIRD_PARTIES
        and chance(rng, FATHER_NAME_WRITTEN.get(convention, FATHER_NAME_COPIED))
    ):
        father = ""
    given, family, father = (_copy_noise(part, source, rng) for part in (given, family, father))
    relative = _relative_given_name(person, convention, rng)
    written = Written(given, family, father, LANGUAGE.get(convention, "en"), relative)
    row = _name_fields(written, person, pick(rng, NAME_FORMS[source]), rng)
    row["alternate_names"] = ""
    if source in THIRD_PARTIES:
        row.update(_estimated_age(person, rng))
        row["sex"] = _observed_sex(person, rng)
    else:
        row.update(_family_age(person, rng, with_birth_date=False))
        row["sex"] = person.identity.sex
    row["found_place"] = _found_place(source, style, rng, last_seen)
    row["source"] = source
    return row


def _copy_noise(text: str, source: str, rng: Random) -> str:
    if not text:
        return text
    if chance(rng, ASCII_ONLY.get(source, 0.0)):
        text = noise.drop_diacritics(text)
    if chance(rng, OCR_RATE.get(source, 0.0)):
        text = noise.ocr_errors(text, rng)
    return text


def _found_place(source: str, style: Style, rng: Random, last_seen: str | None) -> str:
    if source == "passerby":
        if last_seen and chance(rng, PASSERBY_AT_LAST_SEEN):
            return last_seen
        return rng.choice(style.last_seen)
    return rng.choice(style.found[source])


@dataclass(frozen=True)
class Written:
    """A name as one writer spelled it, before it is laid out in the row's fields."""

    given: str
    family: str
    father: str  # father's name or patronymic, when the writer adds it
    language: str  # of the words around the name (titles, relations, "unknown")
    relative: str  # a relative's given name, for "Karim (brother of Samir)"


def _relative_given_name(person: Person, convention: str, rng: Random) -> str:
    if not person.relatives:
        return ""
    _, other = person.relatives[0]
    return names.write(other.identity, convention, rng)[0]


def _name_fields(written: Written, person: Person, form: str, rng: Random) -> dict:
    """full_name, or given_name and family_name, as the writer's habit puts them down."""
    female = person.identity.sex == "F"
    given, family = written.given, written.family
    middle = f" {written.father}" if written.father else ""
    full = ""
    split = ("", "")
    if form == "full":
        full = f"{given}{middle} {family}"
    elif form == "caps_first":
        full = f"{family.upper()} {given}{middle}"
    elif form == "family_first":
        full = f"{family} {given}{middle}"
    elif form == "split":
        split = (f"{given}{middle}", family)
    elif form == "swapped":
        split = (family, given)
    elif form == "family_only":
        title = TITLES[written.language][female]
        full = f"{title} {family}" if chance(rng, 0.6) else family
    elif form == "given_only":
        full = _given_with_relation(written, person)
    else:
        # Nobody knows the name: the row says so and gives what was seen.
        decade = max(10, round(person.age, -1))
        full = UNKNOWN[written.language][female].format(age=decade)
    return {"full_name": full, "given_name": split[0], "family_name": split[1]}


def _given_with_relation(written: Written, person: Person) -> str:
    if not written.relative:
        return written.given
    relation, _ = person.relatives[0]
    template, words = RELATIONS[written.language]
    rel = words[relation][person.identity.sex == "F"]
    return template.format(given=written.given, rel=rel, other=written.relative)


# --- ages -------------------------------------------------------------------------------------


def _family_age(person: Person, rng: Random, with_birth_date: bool) -> dict:
    row = {"age": None, "age_min": None, "age_max": None}
    if with_birth_date:
        row["birth_date"] = ""
        if chance(rng, POST_BIRTH_DATE):
            row["birth_date"] = person.birth_date.isoformat()
            row["age"] = person.age
            return row
    else:
        row["age_text"] = ""
    age = person.age
    if chance(rng, POST_AGE_RANGE):
        row["age_min"], row["age_max"] = age - 1, age + 1
    else:
        row["age"] = age + (rng.choice((-1, 1)) if chance(rng, POST_AGE_OFF_BY_ONE) else 0)
    if not with_birth_date:
        row["age_text"] = _age_text(row)
    return row


def _estimated_age(person: Person, rng: Random) -> dict:
    spread = 2 + 0.12 * person.age
    estimate = max(0, round(rng.gauss(person.age, spread)))
    form = pick(rng, THIRD_PARTY_AGE_FORMS)
    row = {"age": None, "age_min": None, "age_max": None, "age_text": ""}
    if form == "number":
        row["age"] = estimate
    elif form == "round_five":
        row["age"] = 5 * round(estimate / 5)
    elif form == "decade":
        row["age"] = max(10, 10 * round(estimate / 10))
        row["age_text"] = f"about {row['age']}"
        return row
    elif form == "range":
        if chance(rng, 0.5):
            low = 10 * (estimate // 10)
            row["age_min"], row["age_max"] = low, low + 10
        else:
            row["age_min"], row["age_max"] = max(0, estimate - 5), estimate + 5
    row["age_text"] = _age_text(row)
    return row


def _age_text(row: dict) -> str:
    if row["age"] is not None:
        return str(row["age"])
    if row["age_min"] is not None:
        return f"{row['age_min']}-{row['age_max']}"
    return ""


def _observed_sex(person: Person, rng: Random) -> str:
    if chance(rng, THIRD_PARTY_SEX_BLANK):
        return ""
    if chance(rng, THIRD_PARTY_SEX_WRONG):
        return "F" if person.identity.sex == "M" else "M"
    return person.identity.sex


# --- the whole data set -----------------------------------------------------------------------


def generate(
    seed: int, n_posts: int = 1000, n_reports: int = 3000, style: str = "mixed", today: date = TODAY
):
    """(posts, reports, truth): lists of plain dicts, the same for the same arguments."""
    rng = Random(f"worldlists:{seed}:{style}")
    world = STYLES[style]
    households = build_population(world, n_posts * 2 + n_reports, rng, today)
    posted = choose_missing(households, n_posts, rng)
    subjects = choose_report_subjects(households, posted, n_reports, rng)
    posts, post_ids = _write_posts(posted, world, rng)
    last_seen = {
        person.key: post["last_seen_place"] for person, post in zip(posted, posts, strict=True)
    }
    posts.sort(key=lambda post: post["id"])

    reports, truth = [], []
    for number, (source, person) in enumerate(subjects, 1):
        report = write_report(source, person, world, rng, last_seen.get(person.key))
        reports.append({"id": f"R{number:05d}", **report})
        truth.extend(
            {"post_id": post_id, "report_id": f"R{number:05d}"}
            for post_id in post_ids.get(person.key, [])
        )
    truth.sort(key=lambda pair: (pair["post_id"], pair["report_id"]))
    return posts, reports, truth


def _write_posts(posted: list[Person], world: Style, rng: Random):
    """Post rows in the order of ``posted``, numbered in a shuffled order (ids must not tell
    which posts are about one household or one person), and each person's post ids."""
    numbers = list(range(1, len(posted) + 1))
    rng.shuffle(numbers)
    posts, post_ids = [], {}
    for person, number in zip(posted, numbers, strict=True):
        post = {"id": f"P{number:05d}", **write_post(person, world, rng)}
        posts.append(post)
        post_ids.setdefault(person.key, []).append(post["id"])
    return posts, post_ids
