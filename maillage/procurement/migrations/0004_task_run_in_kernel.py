"""The task-run model moved to the kernel (same table): state only, nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0003_radar_cells"),
        ("kernel", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="decpimport",
                    name="task_run",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="kernel.taskrun",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
