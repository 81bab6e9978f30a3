"""The command-line linker, as a hospital volunteer would run it."""

import csv
import json
import subprocess
import sys

from reunify.matching.cli import main, parse_age, row_to_record

HEADER = "id,full_name,given_name,family_name,alternate_names,age,date_of_birth,sex,location\n"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_link_writes_ranked_candidate_pairs_with_the_likely_flag(tmp_path):
    left = write(
        tmp_path / "posts.csv",
        HEADER
        + "P1,,Mohamed,Benali,Mohammed|Med,34,,M,Marseille\n"
        + "P2,Fatima Zahra Idrissi,,,,7,,F,Casablanca\n"
        + "P3,,Jean,Dupont,,70,1956-02-01,M,Nice\n",
    )
    right = write(
        tmp_path / "found.csv",
        "id,full_name,age,sex,location,notes\n"
        + "R1,محمد بن علي,30-35,M,مرسيليا,conscious\n"
        + 'R2,"DUPONT, Jean",70,M,Nice,\n'
        + "R3,Zoltan Kovacs,50,M,Budapest,\n",
    )
    out = tmp_path / "pairs.csv"
    assert main(["link", left, right, "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["left_id", "right_id", "score", "likely"]
    pairs = {(r["left_id"], r["right_id"]): r for r in rows}
    assert pairs[("P1", "R1")]["likely"] == "1"
    assert pairs[("P3", "R2")]["likely"] == "1"
    assert not any(r["right_id"] == "R3" and r["likely"] == "1" for r in rows)
    for row in rows:
        assert 0.0 <= float(row["score"]) <= 1.0


def test_link_accepts_any_subset_of_columns_and_skips_absurd_rows(tmp_path, capsys):
    left = write(tmp_path / "l.csv", "full_name\nAnna Petrova\n" + "x" * 2000 + "\n")
    right = write(tmp_path / "r.csv", "given_name,family_name\nАнна,Петрова\n")
    out = tmp_path / "o.csv"
    assert main(["link", left, right, "--out", str(out)]) == 0
    assert "skipped" in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and rows[0]["left_id"] == "row2" and rows[0]["right_id"] == "row2"


def test_ages_and_estimates_are_parsed():
    assert parse_age("31") == (31, None, None)
    assert parse_age("30-35") == (None, 30, 35)
    assert parse_age("60+") == (None, 60, None)
    assert parse_age("about") == (None, None, None)
    record = row_to_record({"id": "x", "alternate_names": "Bill; Will|Billy", "age": "~40"}, "row2")
    assert record.alternate_names == ("Bill", "Will", "Billy") and record.age == 40


def test_the_module_runs_as_a_command(tmp_path):
    left = write(tmp_path / "l.csv", "id,full_name\nP1,Dmitri Ivanov\n")
    right = write(tmp_path / "r.csv", "id,full_name\nR1,Дмитрий Иванов\n")
    out = tmp_path / "o.csv"
    subprocess.run(
        [sys.executable, "-m", "reunify.matching", "link", left, right, "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert "P1,R1" in out.read_text()


def test_link_fits_on_its_two_files_or_uses_the_prior_when_told(tmp_path, capsys):
    from reunify.matching import PRIOR, Params

    left = write(tmp_path / "l.csv", HEADER + "P1,,Amina,Haddad,,30,,F,Calais\n")
    right = write(tmp_path / "r.csv", "id,full_name,age,source\nR1,Amina Hadad,28-33,hospital\n")
    out, params_path = tmp_path / "o.csv", tmp_path / "params.json"
    assert main(["link", left, right, "--out", str(out), "--params-out", str(params_path)]) == 0
    assert "fitted parameters" in capsys.readouterr().err
    fitted = Params.from_dict(json.loads(params_path.read_text()))
    assert fitted.figures["fitted"] and fitted.version != PRIOR.version
    assert (
        main(["link", left, right, "--out", str(out), "--no-fit", "--params-out", str(params_path)])
        == 0
    )
    assert "fitted parameters" not in capsys.readouterr().err
    assert Params.from_dict(json.loads(params_path.read_text())).version == PRIOR.version
    assert "P1,R1" in out.read_text()


def test_a_reports_location_is_where_it_was_found_and_a_posts_where_last_seen():
    post = row_to_record({"id": "p", "location": "rue Alibert"}, "x")
    report = row_to_record({"id": "r", "location": "Hôpital Saint-Louis"}, "x", side="right")
    assert post.location == "rue Alibert" and post.source == "family"
    assert report.found_at == "Hôpital Saint-Louis" and report.location == ""
