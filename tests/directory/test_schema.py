"""The national schema from the pinned package: enums with French labels, validation in French, OSM hours."""

from data_inclusion.schema import v1

from maillage.directory import schema


def test_enums_come_from_the_package():
    assert {v for v, _ in schema.THEMATIQUES} == {t.value for t in v1.Thematique}
    assert schema.label("thematiques", "mobilite--preparer-un-permis") == "Préparer un permis"
    assert schema.label("publics", "demandeurs-emploi") == "Demandeurs d’emploi"
    assert len(schema.PUBLICS) == 14 and len(schema.TYPES) == 6
    groups = {c: members for c, _l, members in schema.thematiques_by_category()}
    assert ("lecture-ecriture-calcul--maitriser-le-calcul", "Maîtriser le calcul") in groups["lecture-ecriture-calcul"]


def test_validation_messages_in_french():
    errors = schema.validate_service(
        {"id": "x", "source": "s", "structure_id": "a", "nom": "ab", "date_maj": "2025-01-01",
         "thematiques": ["numerique"], "publics": ["tous-publics", "jeunes"]}
    )  # fmt: skip
    assert "nom : trop court (« ab »)" in errors
    assert "description : champ obligatoire manquant" in errors
    assert "thématiques : valeur hors du schéma (« numerique »)" in errors
    assert any(e.startswith("publics : ") for e in errors)


def test_opening_hours_in_osm_format():
    for value in ["Mo-Fr 08:30-12:30; PH off", "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", "24/7", ""]:
        assert schema.valid_opening_hours(value), value
    for value in ["lundi matin", "9h-12h", "Mo-Fr 9-12"]:
        assert not schema.valid_opening_hours(value), value
