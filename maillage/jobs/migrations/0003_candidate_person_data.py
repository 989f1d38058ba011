"""Step 2 of 3: each candidate row gets its own person holding its identity and contact (every row kept)."""

from django.db import migrations

from maillage.people.migration_helpers import copy_identity_back, create_persons_for

FIELDS = {
    "last_name": "last_name",
    "first_name": "first_name",
    "email": "email",
    "phone": "phone",
    "commune_id": "commune_id",
}


def forwards(apps, schema_editor):
    create_persons_for(apps, "jobs", "Candidate", FIELDS)


def backwards(apps, schema_editor):
    copy_identity_back(apps, "jobs", "Candidate", FIELDS)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_candidate_person")]

    operations = [migrations.RunPython(forwards, backwards)]
