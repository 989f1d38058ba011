from django.db import migrations

STATE_AXES = [
    ("etat_1", "1", "Anticiper les mutations économiques (diagnostic partagé, GPECT)", 1),
    ("etat_2", "2", "Contribuer au développement local de l'emploi", 2),
]


def create_state_axes(apps, schema_editor):
    Axis = apps.get_model("steering", "Axis")
    for kind, code, label, order in STATE_AXES:
        Axis.objects.get_or_create(code=code, defaults={"kind": kind, "label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("steering", "0001_initial")]

    operations = [migrations.RunPython(create_state_axes, migrations.RunPython.noop)]
