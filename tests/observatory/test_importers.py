"""Importers: idempotence, diff, dry run, error report per line; the bundled files' parsers."""

import gzip

import pytest

from maillage.observatory.importers import bundled, generic
from maillage.observatory.importers.store import DatasetSpec, ImportReport, sync_dataset
from maillage.observatory.models import Dataset, Figure, Level

SPEC = DatasetSpec("essai", "Essai", "Test", "2024")


def row(code, value):
    return (Level.COMMUNE, code, "2024", "job_seekers", "", "", value, "personnes", False, False)


@pytest.mark.django_db
def test_sync_is_idempotent_and_reports_a_diff():
    first = sync_dataset(SPEC, [row("27001", 10), row("27002", 20)], ImportReport("essai", dry_run=False))
    assert (first.added, first.changed, first.removed) == (2, 0, 0)
    again = sync_dataset(SPEC, [row("27001", 10), row("27002", 20)], ImportReport("essai", dry_run=False))
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 2)
    dry = sync_dataset(SPEC, [row("27001", 11), row("27003", 5)], ImportReport("essai", dry_run=True))
    assert (dry.added, dry.changed, dry.removed) == (1, 1, 1)
    assert sorted(Figure.objects.values_list("code", "value")) == [("27001", 10.0), ("27002", 20.0)]
    sync_dataset(SPEC, [row("27001", 11), row("27003", 5)], ImportReport("essai", dry_run=False))
    assert sorted(Figure.objects.values_list("code", "value")) == [("27001", 11.0), ("27003", 5.0)]
    assert Dataset.objects.get(key="essai").row_count == 2


def write_gz(path, text):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    return path


@pytest.mark.django_db
def test_bmo_parser_keeps_secret_cells_and_flags_rollups_as_lower_bounds(tmp_path):
    path = write_gz(
        tmp_path / "bmo.csv.gz",
        "annee,Code métier BMO,Nom métier BMO,Famille_met,Lbl_fam_met,REG,NOM_REG,Dept,NomDept,"
        "BE24,NOMBE24,met,xmet,smet\n"
        "2024,A0X40,Agriculteurs,Z,Autres,28,Normandie,27,Eure,2811,EVREUX,222,100,*\n"
        "2024,A0X40,Agriculteurs,Z,Autres,28,Normandie,27,Eure,2812,VERNON,80,abc,64\n",
    )
    report = ImportReport("bmo", dry_run=False)
    rows = list(bundled.parse_bmo(path, report, {}))
    assert report.errors == [(3, "colonne xmet : « abc » n'est pas un nombre")]
    secret = [r for r in rows if r[:2] == (Level.BASSIN, "2811") and r[3] == "bmo_seasonal" and r[5] == "A0X40"]
    assert secret[0][6] is None and secret[0][8] is True
    dep = {r[3]: r for r in rows if r[:2] == (Level.DEPARTEMENT, "27") and r[5] == "A0X40"}
    assert dep["bmo_projects"][6] == 302 and dep["bmo_projects"][9] is False
    assert dep["bmo_seasonal"][6] == 64 and dep["bmo_seasonal"][9] is True  # lower bound, never a silent sum


@pytest.mark.django_db
def test_defm_parser_reads_french_months_and_sums_regions_into_france(tmp_path):
    path = write_gz(
        tmp_path / "defm.csv.gz",
        "codgeo,YEAR,Demandeurs_Emploi\n27229,janvier_2020,6800\n27,janvier_2020,40000\n"
        "reg28,janvier_2020,250000\nreg11,janvier_2020,800000\n27229,brumaire_2020,10\n",
    )
    report = ImportReport("defm", dry_run=False)
    rows = list(bundled.parse_defm(path, report))
    assert (Level.COMMUNE, "27229", "2020-01") in {r[:3] for r in rows}
    assert (Level.FRANCE, "FR", "2020-01", "job_seekers", "categorie", "ABC", 1050000.0) in {r[:7] for r in rows}
    assert report.errors[0][0] == 6 and "mois illisible" in report.errors[0][1]


@pytest.mark.django_db
def test_bundled_import_skips_unchanged_file_and_dry_run_writes_nothing(tmp_path):
    directory = tmp_path
    write_gz(directory / "ft_tension_bassin_rome_2020.csv.gz",
             "annee;ROME;rome_label;cbassin;lib_bassin_bmo19;oee;defm_abc;ind_tension_d\n"
             "2020;A1203;Espaces verts;2811;EVREUX;1;2;1\n")  # fmt: skip
    dry = bundled.import_bundled("ft-tension-2020", dry_run=True, directory=directory)
    assert dry.added == 3 and not Figure.objects.exists()
    wet = bundled.import_bundled("ft-tension-2020", directory=directory)
    assert wet.added == 3 and Figure.objects.count() == 3
    assert bundled.import_bundled("ft-tension-2020", directory=directory).skipped


# --- the generic importer ---------------------------------------------------------------------------

CSV = b"commune;annee;naf;effectif\n27229;2023;10;1200\n27681;2023;10;*\n27375;23;10;40\n27056;2023;10;beaucoup\n"


def mapping():
    return generic.Mapping(
        columns={"code": "commune", "period": "annee", "dim_code": "naf", "value": "effectif"},
        fixed={"level": "commune", "indicator": "salaried_jobs", "dim_kind": "naf", "unit": "salariés"},
    )


def test_table_is_bounded_before_reading():
    with pytest.raises(generic.TableError, match="dépasse"):
        generic.read_table("gros.csv", b"x" * (generic.MAX_BYTES + 1))
    with pytest.raises(generic.TableError, match="Format"):
        generic.read_table("table.pdf", b"a;b\n1;2\n")


@pytest.mark.django_db
def test_generic_import_reports_french_errors_per_line_and_all_or_nothing():
    table = generic.read_table("urssaf.csv", CSV)
    assert table.headers == ["commune", "annee", "naf", "effectif"]
    report = generic.run_import(table, mapping(), label="URSSAF 2023", source="URSSAF", vintage="2023",
                                dry_run=False, all_or_nothing=True)  # fmt: skip
    assert [line for line, _m in report.errors] == [4, 5]
    assert "période « 23 » invalide" in report.errors[0][1]
    assert "« beaucoup » n'est pas un nombre" in report.errors[1][1]
    assert not Figure.objects.exists()  # nothing written: the analyst chose all or nothing
    report = generic.run_import(table, mapping(), label="URSSAF 2023", source="URSSAF", vintage="2023",
                                dry_run=False, all_or_nothing=False)  # fmt: skip
    assert report.added == 2
    stored = dict(Figure.objects.values_list("code", "is_secret"))
    assert stored == {"27229": False, "27681": True}
    again = generic.run_import(table, mapping(), label="URSSAF 2023", source="URSSAF", vintage="2023",
                               dry_run=False, all_or_nothing=False)  # fmt: skip
    assert again.added == 0 and again.unchanged == 2


def test_mapping_errors_are_explained():
    problems = generic.Mapping(columns={"code": "commune"}, fixed={}).errors(["commune"])
    assert "Choisissez la colonne « Valeur »." in problems
    assert any("Niveau territorial" in p for p in problems)


@pytest.mark.django_db
def test_large_loads_go_through_a_staging_table_and_keep_every_row(monkeypatch):
    from maillage.observatory.importers import store

    monkeypatch.setattr(store, "STAGING_THRESHOLD", 3)
    rows = [row(f"27{n:03d}", n) for n in range(10, 0, -1)]
    report = sync_dataset(SPEC, rows, ImportReport("essai", dry_run=False))
    assert report.added == 10
    assert Figure.objects.count() == 10
    assert sorted(Figure.objects.values_list("value", flat=True)) == [float(n) for n in range(1, 11)]
