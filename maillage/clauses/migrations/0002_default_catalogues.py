from django.db import migrations


def load(apps, schema_editor):
    from maillage.clauses.defaults import load_defaults

    load_defaults(
        apps.get_model("clauses", "EligibilityCriterion"),
        apps.get_model("clauses", "SizingPreset"),
        apps.get_model("clauses", "CountingRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("clauses", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
