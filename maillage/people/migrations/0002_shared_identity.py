import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_person"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="identity_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=200),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["email"], name="people_pers_email_52ffb2_idx"),
        ),
        migrations.CreateModel(
            name="PersonMerge",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("merged_person_id", models.PositiveBigIntegerField(verbose_name="personne fusionnée (identifiant)")),
                ("reason", models.CharField(max_length=40, verbose_name="motif")),
                (
                    "moved",
                    models.JSONField(
                        default=dict, help_text="Type de part → identifiants déplacés.", verbose_name="parts déplacées"
                    ),
                ),
                (
                    "filled",
                    models.JSONField(
                        default=list, help_text="Noms des champs repris du doublon.", verbose_name="champs complétés"
                    ),
                ),
                ("merged_at", models.DateTimeField(auto_now_add=True, verbose_name="fusionné le")),
                (
                    "kept",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="merges",
                        to="people.person",
                        verbose_name="personne conservée",
                    ),
                ),
                (
                    "merged_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="fusionné par",
                    ),
                ),
            ],
            options={
                "verbose_name": "fusion de personnes",
                "verbose_name_plural": "fusions de personnes",
                "ordering": ["-merged_at"],
            },
        ),
    ]
