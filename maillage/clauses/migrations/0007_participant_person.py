"""Clause participants become parts of the shared person (step 1 of 3: the link, nullable)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clauses", "0006_coverage_fte_funding"),
        ("people", "0002_shared_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="person",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="clause_participant",
                to="people.person",
                verbose_name="personne",
            ),
        ),
    ]
