"""MdeSettings and TaskRun move from the former ``core`` app to the kernel, tables and data untouched.

State only: the tables ``core_mdesettings``, ``core_mdesettings_perimeter`` and ``core_taskrun``
were created by ``core.0001_initial`` and are kept as they are (``db_table``).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0001_initial"),
        ("territories", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="MdeSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(default="Maison de l'Emploi", max_length=200, verbose_name="nom de la structure"),
                ),
                ("short_name", models.CharField(blank=True, max_length=60, verbose_name="nom court")),
                ("logo", models.ImageField(blank=True, upload_to="logos/", verbose_name="logo")),
                ("contact_email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail de contact")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "departement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="territories.departement",
                        verbose_name="département principal",
                    ),
                ),
                (
                    "perimeter",
                    models.ManyToManyField(blank=True, to="territories.epci", verbose_name="périmètre (EPCI)"),
                ),
            ],
            options={
                "db_table": "core_mdesettings",
                "verbose_name": "paramètres de la Maison de l'Emploi",
                "verbose_name_plural": "paramètres de la Maison de l'Emploi",
            },
        ),
        migrations.CreateModel(
            name="TaskRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=60, verbose_name="type")),
                ("label", models.CharField(max_length=200, verbose_name="libellé")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "En attente"),
                            ("running", "En cours"),
                            ("done", "Terminée"),
                            ("failed", "Échec"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="état",
                    ),
                ),
                ("total", models.PositiveIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
                ("message", models.CharField(blank=True, max_length=500)),
                ("result", models.JSONField(blank=True, default=dict)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"db_table": "core_taskrun", "verbose_name": "tâche de fond", "ordering": ["-created_at"]},
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
