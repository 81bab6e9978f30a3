"""Copy each key's incident onto the key row, so retrieval reads one index (incident, key, id)."""

import django.db.models.deletion
from django.db import migrations, models


def _copy_incident(apps, schema_editor):
    for key_model, owner in (("PostKey", "post"), ("ReportKey", "report")):
        model = apps.get_model("matches", key_model)
        owner_model = model._meta.get_field(owner).related_model
        model.objects.update(
            incident_id=models.Subquery(
                owner_model.objects.filter(pk=models.OuterRef(f"{owner}_id")).values(
                    "incident_id"
                )[:1]
            )
        )


def _field(null: bool):
    return models.ForeignKey(
        db_index=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="board.incident",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0003_match_pending"),
        ("matches", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="postkey", name="unique_post_key"),
        migrations.RemoveConstraint(model_name="reportkey", name="unique_report_key"),
        migrations.AddField(model_name="postkey", name="incident", field=_field(null=True)),
        migrations.AddField(model_name="reportkey", name="incident", field=_field(null=True)),
        migrations.RunPython(_copy_incident, migrations.RunPython.noop),
        migrations.AlterField(model_name="postkey", name="incident", field=_field(null=False)),
        migrations.AlterField(model_name="reportkey", name="incident", field=_field(null=False)),
        migrations.AddConstraint(
            model_name="postkey",
            constraint=models.UniqueConstraint(
                fields=("incident", "key", "post"), name="unique_incident_post_key"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportkey",
            constraint=models.UniqueConstraint(
                fields=("incident", "key", "report"), name="unique_incident_report_key"
            ),
        ),
    ]
