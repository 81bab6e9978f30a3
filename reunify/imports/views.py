"""Upload a list, check the column mapping and the row errors, then import (coordinators only)."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reunify.board.models import Incident
from reunify.lib.images import random_name

from .lists import FIELDS, ListError, guess_mapping, read_table
from .services import found_list_import, list_check

PREVIEW_ROWS = 20
FIELD_LABELS = {
    "full_name": gettext_lazy("Full name"),
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "alternate_names": gettext_lazy("Other names"),
    "age": gettext_lazy("Age"),
    "sex": gettext_lazy("Sex"),
    "condition": gettext_lazy("Condition"),
    "current_location": gettext_lazy("Where they are now"),
    "message": gettext_lazy("Notes"),
}


class UploadForm(forms.Form):
    incident = forms.ModelChoiceField(
        label=gettext_lazy("Incident"),
        queryset=Incident.objects.filter(status=Incident.Status.ACTIVE),
    )
    file = forms.FileField(label=gettext_lazy("List (CSV or XLSX)"))


class MappingForm(forms.Form):
    def __init__(self, *args, header, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in this list)"))] + [(str(i), h) for i, h in enumerate(header)]
        for field in FIELDS:
            value = initial_mapping.get(field)
            self.fields[field] = forms.ChoiceField(
                label=FIELD_LABELS[field],
                choices=choices,
                required=False,
                initial="" if value is None else str(value),
            )

    def mapping(self) -> dict:
        return {f: int(v) if v != "" else None for f, v in self.cleaned_data.items()}


def _stored(request):
    upload = request.session.get("found_list")
    if not upload:
        return None, None, None
    path = settings.PRIVATE_UPLOAD_ROOT / "lists" / upload["stored"]
    incident = Incident.objects.filter(pk=upload["incident"]).first()
    try:
        table = read_table(path.read_bytes(), upload["name"])
    except (OSError, ListError):
        return None, None, None
    return incident, table, path


# Coordinators sign in at /volunteer/ like every volunteer, not through the Django admin.
coordinator = permission_required("moderation.manage_incidents", raise_exception=True)


@login_required
@coordinator
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        name = form.cleaned_data["file"].name
        try:
            read_table(data, name)
        except ListError as error:
            form.add_error("file", str(error))
        else:
            folder = settings.PRIVATE_UPLOAD_ROOT / "lists"
            folder.mkdir(parents=True, exist_ok=True)
            stored = random_name(suffix=".list")
            (folder / stored).write_bytes(data)
            request.session["found_list"] = {
                "stored": stored,
                "name": name,
                "incident": form.cleaned_data["incident"].pk,
            }
            return redirect("imports:preview")
    return render(request, "imports/upload.html", {"form": form})


@login_required
@coordinator
def preview(request):
    incident, table, path = _stored(request)
    if table is None:
        return redirect("imports:upload")
    form = MappingForm(
        request.POST or None, header=table.header, initial_mapping=guess_mapping(table.header)
    )
    mapping = form.mapping() if form.is_bound and form.is_valid() else guess_mapping(table.header)
    if request.method == "POST" and form.is_valid() and "import" in request.POST:
        result = found_list_import(incident=incident, table=table, mapping=mapping)
        path.unlink(missing_ok=True)
        request.session.pop("found_list", None)
        context = {"incident": incident, "result": result}
        return render(request, "imports/done.html", context)
    cleaned, errors = list_check(table, mapping)
    context = {
        "incident": incident,
        "form": form,
        "header": table.header,
        "rows": table.rows[:PREVIEW_ROWS],
        "total": len(table.rows),
        "good": len(cleaned),
        "errors": errors,
    }
    return render(request, "imports/preview.html", context)
