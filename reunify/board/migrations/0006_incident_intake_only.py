from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0005_merge_privacy_and_origin"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="intake_only",
            field=models.BooleanField(
                default=False,
                help_text="Under heavy load: keep accepting reports and searches, serve pages from the cache, and look for matches a little later.",
                verbose_name="intake only",
            ),
        ),
    ]
