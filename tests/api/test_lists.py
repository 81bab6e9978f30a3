"""Hospital and shelter lists: CSV and XLSX, preview with plain-words errors, command."""

import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from reunify.board.models import Report
from reunify.imports.lists import guess_mapping, read_table
from reunify.imports.services import found_list_import
from reunify.matches.models import Match
from tests.conftest import make_post

pytestmark = pytest.mark.django_db

CSV = (
    "Nom;Prénom;Âge;Sexe;État;Service\n"
    "Benali;Mohamed;34;M;hospitalisé;Urgences\n"
    "Dubois;Claire;about thirty;F;;\n"
    ";;40;F;;\n"
    "Petit;Léa;6-9;F;indemne;Accueil\n"
).encode()


def test_a_csv_list_imports_the_good_rows_and_explains_the_bad_ones(incident, on_commit):
    on_commit(make_post, incident)
    table = read_table(CSV, "list.csv")
    mapping = guess_mapping(table.header)
    assert mapping["family_name"] == 0 and mapping["given_name"] == 1
    result = on_commit(found_list_import, incident=incident, table=table, mapping=mapping)
    assert result.written == 2
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "the age “about thirty” is not a number or a range like 30-35."),
        (4, "the name is missing."),
    ]
    assert Report.objects.get(full_name="Mohamed Benali").condition == "hospital"
    assert Match.objects.filter(report__full_name="Mohamed Benali").exists()


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_list_imports_from_the_shell_with_a_progress_bar(incident, tmp_path, capsys):
    path = tmp_path / "shelter.xlsx"
    path.write_bytes(
        _xlsx([["Full name", "Age", "Sex"], ["Ana Lopez", 41, "female"], ["Bo", 7, "?"]])
    )
    call_command("import_found", str(path), "--incident", incident.slug)
    out, err = capsys.readouterr()
    assert "[" in err and "1/1 rows" in err
    assert "1 reports written, 1 rows refused" in out and "line 3: the sex “?”" in out


def test_the_preview_page_maps_columns_and_then_imports(admin_client, incident):
    upload = io.BytesIO(CSV)
    upload.name = "list.csv"
    response = admin_client.post("/imports/found/", {"incident": incident.pk, "file": upload})
    assert response.status_code == 302
    page = admin_client.get("/imports/found/preview/").content.decode()
    assert "about thirty" in page and "the name is missing." in page
    mapping = {"family_name": "0", "given_name": "1", "age": "2", "sex": "3", "condition": "4"}
    done = admin_client.post("/imports/found/preview/", {**mapping, "import": "1"})
    assert "2 found reports written" in done.content.decode()


def test_the_list_pages_are_for_coordinators_only(client):
    assert client.get("/imports/found/").status_code == 302
