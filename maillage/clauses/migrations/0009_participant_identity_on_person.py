"""Step 3 of 3: the identity is held once, on the person; the link becomes mandatory."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("clauses", "0008_participant_person_data")]

    operations = [
        migrations.AlterModelOptions(
            name="participant",
            options={"ordering": ["person__last_name", "person__first_name"], "verbose_name": "participant"},
        ),
        migrations.RemoveField(model_name="participant", name="birth_date"),
        migrations.RemoveField(model_name="participant", name="first_name"),
        migrations.RemoveField(model_name="participant", name="identity_key"),
        migrations.RemoveField(model_name="participant", name="last_name"),
        migrations.AlterField(
            model_name="participant",
            name="person",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="clause_participant",
                to="people.person",
                verbose_name="personne",
            ),
        ),
    ]
