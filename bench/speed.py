"""Speed at scale: one new report against N open posts, the index against a brute-force scan.

    python -m bench.speed              # 1,000,000 posts (about 2-3 minutes, ~10 GB RAM)
    python -m bench.speed --n 100000   # quicker

Posts are synthetic and seeded: given/family names drawn from Arabic (in Arabic script or
one of several Latin spellings), Russian/Ukrainian (Cyrillic or Latin) and French/English/
Spanish pools, with optional middle names, ages, sexes and places. Reports are planted
variants of random posts (another script or spelling, a typo, swapped order, a nickname,
an age estimate instead of an age). For each report we time candidate retrieval + scoring
through MatchIndex, and a rapidfuzz token_sort_ratio scan over every post's romanised name
(the naive alternative), and count how often each finds the planted post in its top 10.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time

from rapidfuzz import fuzz, process

from reunify.matching import MatchIndex, PersonRecord
from reunify.matching.text import to_ascii

# (script form, Latin spellings) per name; the first Latin spelling is the commonest.
ARABIC_GIVEN = [
    ("محمد", "Mohamed Muhammad Mohammed"), ("أحمد", "Ahmed Ahmad"), ("علي", "Ali"),
    ("عمر", "Omar Umar"), ("يوسف", "Youssef Yusuf Youcef"), ("إبراهيم", "Ibrahim Brahim"),
    ("خالد", "Khaled Khalid"), ("حسن", "Hassan Hasan"), ("حسين", "Hussein Hocine"),
    ("عبد الله", "Abdallah Abdullah"), ("سعيد", "Said Saeed"), ("كريم", "Karim Kareem"),
    ("رشيد", "Rachid Rashid"), ("جمال", "Jamal Djamel"), ("طارق", "Tarek Tariq"),
    ("ياسين", "Yassine Yacine"), ("بلال", "Bilal"), ("وليد", "Walid Oualid"),
    ("سمير", "Samir Sameer"), ("فاطمة", "Fatima Fatma"), ("عائشة", "Aicha Aisha"),
    ("خديجة", "Khadija Khadidja"), ("مريم", "Mariam Maryam"), ("زينب", "Zainab Zineb"),
    ("أمينة", "Amina Amina"), ("سارة", "Sara Sarah"), ("نور", "Nour Noor"),
    ("ليلى", "Leila Layla"), ("هدى", "Houda Huda"), ("سلمى", "Salma"),
    ("رانيا", "Rania"), ("ياسمين", "Yasmine Yasmin"), ("منى", "Mona Mouna"),
    ("حليمة", "Halima"), ("نادية", "Nadia"), ("سميرة", "Samira"),
]  # fmt: skip
ARABIC_FAMILY = [
    ("حداد", "Haddad"), ("خوري", "Khoury Khouri"), ("منصور", "Mansour Mansur"),
    ("الحسيني", "Al Husseini El Husseini"), ("بن علي", "Ben Ali Benali"),
    ("التازي", "Ettazi Tazi"), ("درويش", "Darwish Derouiche"), ("النجار", "Al Najjar Najjar"),
    ("صالح", "Saleh Salah"), ("عثمان", "Othman Osman"), ("حمدان", "Hamdan"),
    ("العمري", "Al Omari Elomari"), ("شريف", "Cherif Sharif"), ("قاسم", "Kassem Qasim"),
    ("يوسفي", "Youssefi Yousfi"), ("بوزيد", "Bouzid"), ("مراد", "Mourad Murad"),
    ("الخطيب", "Al Khatib Khatib"), ("زيدان", "Zidane Zeidan"), ("عيسى", "Issa Aissa"),
    ("جابر", "Jaber Jabir"), ("سليمان", "Slimane Suleiman"), ("رحمن", "Rahman"),
    ("ناصر", "Nasser Naser"), ("حلبي", "Halabi"), ("شامي", "Chami Shami"),
    ("كردي", "Kurdi"), ("مصري", "Masri"), ("عباس", "Abbas"), ("موسى", "Moussa Musa"),
]  # fmt: skip
CYRILLIC_GIVEN = [
    ("Дмитрий", "Dmitri Dmitry"), ("Александр", "Alexander Aleksandr"), ("Сергей", "Sergei Sergey"),
    ("Андрей", "Andrei Andriy"), ("Алексей", "Alexei Oleksii"), ("Иван", "Ivan"),
    ("Михаил", "Mikhail Mykhailo"), ("Николай", "Nikolai Mykola"), ("Юрий", "Yuri Yurii"),
    ("Владимир", "Vladimir Volodymyr"), ("Ольга", "Olga Olha"), ("Наталья", "Natalia Nataliya"),
    ("Елена", "Elena Olena"), ("Татьяна", "Tatiana Tetiana"), ("Анна", "Anna Hanna"),
    ("Мария", "Maria Mariia"), ("Ирина", "Irina Iryna"), ("Светлана", "Svetlana"),
    ("Юлия", "Yulia Yuliia"), ("Ксения", "Ksenia Kseniia"), ("Виктор", "Viktor Victor"),
    ("Павел", "Pavel Pavlo"), ("Олег", "Oleg Oleh"), ("Игорь", "Igor Ihor"),
]  # fmt: skip
CYRILLIC_FAMILY = [
    ("Иванов", "Ivanov"), ("Петров", "Petrov"), ("Смирнов", "Smirnov"), ("Кузнецов", "Kuznetsov"),
    ("Попов", "Popov"), ("Соколов", "Sokolov"), ("Лебедев", "Lebedev"), ("Козлов", "Kozlov"),
    ("Новиков", "Novikov"), ("Морозов", "Morozov"), ("Шевченко", "Shevchenko"),
    ("Коваленко", "Kovalenko"), ("Бондаренко", "Bondarenko"), ("Ткаченко", "Tkachenko"),
    ("Кравченко", "Kravchenko Krawtschenko"), ("Мельник", "Melnyk Melnik"), ("Бойко", "Boyko Boiko"),
    ("Савченко", "Savchenko"), ("Руденко", "Rudenko"), ("Лысенко", "Lysenko"),
    ("Гриценко", "Hrytsenko"), ("Олейник", "Oliynyk Oleinik"), ("Павлов", "Pavlov"),
    ("Волков", "Volkov"), ("Федоров", "Fedorov"), ("Михайлов", "Mikhailov"),
]  # fmt: skip
LATIN_GIVEN = [
    "Jean",
    "Pierre",
    "Marie",
    "Anne",
    "Louis",
    "Paul",
    "Jacques",
    "Michel",
    "Philippe",
    "Nicolas",
    "Julien",
    "Thomas",
    "Camille",
    "Chloé",
    "Léa",
    "Manon",
    "Hélène",
    "Céline",
    "Sophie",
    "Isabelle",
    "Nathalie",
    "Valérie",
    "Sandrine",
    "Antoine",
    "Benoît",
    "Stéphane",
    "Sébastien",
    "Frédéric",
    "Laurent",
    "Olivier",
    "Christophe",
    "Guillaume",
    "Alexandre",
    "Mathieu",
    "Emma",
    "John",
    "William",
    "James",
    "Robert",
    "David",
    "Richard",
    "Charles",
    "Joseph",
    "Mary",
    "Elizabeth",
    "Sarah",
    "Laura",
    "Emily",
    "Carlos",
    "José",
    "Juan",
    "Luis",
    "Miguel",
    "Javier",
    "Lucía",
    "Carmen",
    "Pilar",
    "Rosa",
    "Elena",
    "Isabel",
]
LATIN_FAMILY = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefèvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guerin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clement",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Moore",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "González",
    "Rodríguez",
    "Fernández",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Navarro",
]
PLACES = [
    "Paris",
    "Lyon",
    "Marseille",
    "Calais",
    "Nice",
    "Lille",
    "Toulouse",
    "Bordeaux",
    "Beirut",
    "Aleppo",
    "Damascus",
    "Homs",
    "Gaziantep",
    "Istanbul",
    "Amman",
    "Cairo",
    "Tunis",
    "Algiers",
    "Casablanca",
    "Kyiv",
    "Lviv",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "London",
    "Madrid",
    "Lisbon",
    "Brussels",
    "Berlin",
    "Vienna",
    "Warsaw",
    "Athens",
    "Lampedusa",
    "Tripoli",
    "Mosul",
]
NICKNAMES = {
    "William": "Bill", "Robert": "Bob", "Elizabeth": "Liz", "Alexander": "Sasha",
    "Dmitri": "Dima", "Mohamed": "Mohammed", "Nicolas": "Nico", "Alexandre": "Alex",
    "Sophie": "Sofia", "Joseph": "Joe", "Richard": "Rick", "Christophe": "Chris",
}  # fmt: skip


def _pick_name(rng: random.Random) -> tuple[str, str, str, str]:
    """(given, family, given in another spelling, family in another spelling)."""
    group = rng.random()
    if group < 0.4:
        given, family = rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_FAMILY)
    elif group < 0.65:
        given, family = rng.choice(CYRILLIC_GIVEN), rng.choice(CYRILLIC_FAMILY)
    else:
        g, f = rng.choice(LATIN_GIVEN), rng.choice(LATIN_FAMILY)
        return g, f, NICKNAMES.get(g, g), f
    latin_g, latin_f = given[1].split(), family[1].split()
    if rng.random() < 0.5:  # written in its own script on the post, in Latin on the report
        return given[0], family[0], rng.choice(latin_g), rng.choice(latin_f)
    return rng.choice(latin_g), rng.choice(latin_f), given[0], family[0]


def make_posts(n: int, seed: int = 7) -> tuple[list[PersonRecord], list[tuple[str, str]]]:
    rng = random.Random(seed)
    posts, other_spellings = [], []
    middle_pool = [g for g, _ in ARABIC_GIVEN] + LATIN_GIVEN
    for i in range(n):
        given, family, alt_given, alt_family = _pick_name(rng)
        if rng.random() < 0.3:
            given = f"{given} {rng.choice(middle_pool)}"
        age = rng.randint(0, 90)
        structured = rng.random() < 0.5
        posts.append(
            PersonRecord(
                id=f"P{i}",
                full_name="" if structured else f"{given} {family}",
                given_name=given if structured else "",
                family_name=family if structured else "",
                age=age,
                sex=rng.choice(("female", "male", "")),
                location=rng.choice(PLACES),
            )
        )
        other_spellings.append((alt_given, alt_family))
    return posts, other_spellings


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.33:
        return word[:i] + word[i + 1 :]
    if kind < 0.66:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def make_reports(posts, other_spellings, count: int, seed: int = 11) -> list[PersonRecord]:
    rng = random.Random(seed)
    reports = []
    for j in range(count):
        k = rng.randrange(len(posts))
        post = posts[k]
        given = post.given_name or post.full_name.rsplit(" ", 1)[0]
        family = post.family_name or post.full_name.rsplit(" ", 1)[-1]
        given = given.split()[0]  # the middle name is often not known to the hospital
        if rng.random() < 0.5:
            given, family = other_spellings[k]
        if rng.random() < 0.3:
            family = _typo(rng, family)
        name = f"{family} {given}" if rng.random() < 0.25 else f"{given} {family}"
        lo = max(post.age - rng.randint(0, 4), 0)
        reports.append(
            PersonRecord(
                id=f"R{j}:{post.id}",
                full_name=name,
                age_min=lo,
                age_max=lo + 5,
                sex=post.sex,
                location=rng.choice(PLACES),
            )
        )
    return reports


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="open posts")
    parser.add_argument("--reports", type=int, default=1000, help="reports timed through the index")
    parser.add_argument("--brute", type=int, default=100, help="reports timed by brute force")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--fit", action="store_true", help="also fit parameters by EM (timed) and score with them"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    posts, spellings = make_posts(args.n, args.seed)
    reports = make_reports(posts, spellings, args.reports, args.seed + 1)
    print(
        f"generated {len(posts):,} posts and {len(reports)} planted reports in {time.perf_counter() - started:.1f}s"
    )

    gc.collect()
    gc.freeze()  # the posts live for the whole run: keep the collector from rescanning them
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    index = MatchIndex(posts)
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    gc.freeze()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"index build: {build:.1f}s wall, {build_cpu:.1f}s CPU for {len(index):,} posts; peak RSS {rss_after / 1024:,.0f} MiB "
          f"(+{(rss_after - rss_before) / 1024:,.0f} MiB for the index)")  # fmt: skip

    if args.fit:
        from reunify.matching import fit

        started, cpu_started = time.perf_counter(), time.process_time()
        index.params = fit(posts, reports, frequencies=index.frequencies)
        figures = index.params.figures
        print(
            f"fit: {time.perf_counter() - started:.1f}s wall, "
            f"{time.process_time() - cpu_started:.1f}s CPU ({figures['iterations']} EM iterations, "
            f"{figures['candidate_pairs']:,} candidate pairs of {figures['reports_sampled']} "
            f"reports, {figures['random_pairs']:,} random pairs; λ {figures['lambdas']})"
        )
    for report in reports[:20]:  # warm caches (romaniser, ONNX session) as a running worker would
        index.candidates(report, limit=10, min_level="none")
    timings, cpu_timings, hits = [], [], 0
    for report in reports:
        t0, c0 = time.perf_counter(), time.process_time()
        found = index.candidates(report, limit=10, min_level="none")
        timings.append((time.perf_counter() - t0) * 1000)
        cpu_timings.append((time.process_time() - c0) * 1000)
        planted = report.id.split(":")[1]
        hits += any(post_id == planted for post_id, _ in found)
    print(
        f"index:       median {statistics.median(timings):.2f} ms, p99 {_percentile(timings, 0.99):.2f} ms, "
        f"max {max(timings):.1f} ms (CPU median {statistics.median(cpu_timings):.2f} ms, "
        f"p99 {_percentile(cpu_timings, 0.99):.2f} ms); planted post in top 10: "
        f"{hits / len(reports):.3f} ({len(reports)} reports)"
    )

    names = [to_ascii_name(p) for p in posts]
    brute_timings, brute_hits = [], 0
    sample = reports[: args.brute]
    for report in sample:
        t0 = time.perf_counter()
        query = to_ascii_name(report)
        found = process.extract(query, names, scorer=fuzz.token_sort_ratio, limit=10)
        brute_timings.append((time.perf_counter() - t0) * 1000)
        planted = int(report.id.split(":")[1][1:])
        brute_hits += any(position == planted for _, _, position in found)
    index_hits_sample = 0
    for report in sample:
        planted = report.id.split(":")[1]
        found = index.candidates(report, limit=10, min_level="none")
        index_hits_sample += any(post_id == planted for post_id, _ in found)
    print(
        f"brute force: median {statistics.median(brute_timings):.1f} ms, p99 {_percentile(brute_timings, 0.99):.1f} ms; "
        f"planted post in top 10: {brute_hits / len(sample):.3f} (index on the same {len(sample)}: "
        f"{index_hits_sample / len(sample):.3f})"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB")


def to_ascii_name(record: PersonRecord) -> str:
    """The naive pipeline: transliterate the whole name with ICU/anyascii, compare strings."""
    name = record.full_name or f"{record.given_name} {record.family_name}"
    return " ".join(to_ascii(word) for word in name.split())


if __name__ == "__main__":
    main()
