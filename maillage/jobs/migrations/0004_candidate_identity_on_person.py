"""Step 3 of 3: identity and contact are held once, on the person; the link becomes mandatory."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_candidate_person_data")]

    operations = [
        migrations.AlterModelOptions(
            name="candidate",
            options={"ordering": ["person__last_name", "person__first_name", "id"], "verbose_name": "candidat"},
        ),
        migrations.RemoveField(model_name="candidate", name="email"),
        migrations.RemoveField(model_name="candidate", name="first_name"),
        migrations.RemoveField(model_name="candidate", name="last_name"),
        migrations.RemoveField(model_name="candidate", name="phone"),
        migrations.AlterField(
            model_name="candidate",
            name="person",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="job_candidate",
                to="people.person",
                verbose_name="personne",
            ),
        ),
    ]
