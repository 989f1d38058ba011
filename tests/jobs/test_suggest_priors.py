"""Priors of the offer coder from public hiring statistics (La Bonne Boite ROME v3 × NAF)."""

import gzip

import numpy as np

from maillage.jobs.suggest_priors import HiringPriors, naf_key

ROWS = """rome_id,rome_label,naf_id,naf_label,hirings
F1602,Électricité bâtiment,4321A,Travaux d'installation électrique,9000
F1605,Montage de réseaux électriques,4321A,Travaux d'installation électrique,1000
F1605,Montage de réseaux électriques,4222Z,Construction de réseaux électriques,3000
L1507,Montage audiovisuel,5911A,Production de films,40
"""


def priors(tmp_path, codes=("F1602", "F1605", "L1507", "L1508"), parents=None):
    path = tmp_path / "rome_naf_mapping.csv.gz"
    path.write_bytes(gzip.compress(ROWS.encode()))
    return HiringPriors(list(codes), parents or {}, path)


def test_popular_trades_come_first(tmp_path):
    popularity = priors(tmp_path).popularity
    assert popularity[0] > popularity[1] > popularity[2] > popularity[3] == 0.0
    assert popularity.max() == 1.0


def test_sector_shares_follow_the_employer_naf(tmp_path):
    p = priors(tmp_path)
    assert naf_key("43.21A") == naf_key("4321A") == "4321A"
    np.testing.assert_allclose(p.sector("43.21A"), [1.0, 1000 / 9000, 0.0, 0.0], rtol=1e-6)
    np.testing.assert_allclose(p.sector("42.22Z"), [0.0, 1.0, 0.0, 0.0])
    assert p.sector("99.99Z") is None


def test_rome_4_fiches_inherit_their_v3_parent(tmp_path):
    p = priors(tmp_path, codes=("F1602", "F1699"), parents={"F1699": "F1602"})
    assert p.popularity[0] == p.popularity[1] == 1.0
    assert list(p.sector("4321A")) == [1.0, 1.0]


def test_without_the_file_the_priors_are_neutral(tmp_path):
    p = HiringPriors(["F1602"], {}, tmp_path / "missing.csv.gz")
    assert list(p.popularity) == [0.0] and p.sector("4321A") is None
