"""MdeSettings and TaskRun now belong to the kernel (``kernel.0001``): state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("kernel", "0001_initial"),
        ("procurement", "0004_task_run_in_kernel"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MdeSettings"), migrations.DeleteModel(name="TaskRun")],
            database_operations=[],
        )
    ]
