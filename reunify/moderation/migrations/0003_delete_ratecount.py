# Rate-limit counters moved to the shared cache (settings.CACHES).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_volunteer_groups"),
    ]

    operations = [
        migrations.DeleteModel(
            name="RateCount",
        ),
    ]
