"""Step 2 of 3: each participant row gets its own person holding its identity (every row kept)."""

from django.db import migrations

from maillage.people.migration_helpers import copy_identity_back, create_persons_for

FIELDS = {"last_name": "last_name", "first_name": "first_name", "birth_date": "birth_date", "commune_id": "commune_id"}


def forwards(apps, schema_editor):
    create_persons_for(apps, "clauses", "Participant", FIELDS)


def backwards(apps, schema_editor):
    copy_identity_back(apps, "clauses", "Participant", FIELDS)


class Migration(migrations.Migration):
    dependencies = [("clauses", "0007_participant_person")]

    operations = [migrations.RunPython(forwards, backwards)]
