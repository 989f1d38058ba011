"""The temp agency client's sector read from the offer's text, and how it feeds the coder's sector prior."""

import gzip

import numpy as np

from maillage.jobs.suggest import OfferText, _TfIdf, get_suggester
from maillage.jobs.suggest_priors import HiringPriors
from maillage.jobs.suggest_sector import ClientSectors, client_words, reads_client_sector

SOUS_CLASSES = {
    "1085Z": "Fabrication de plats préparés",
    "1071D": "Pâtisserie",
    "5210B": "Entreposage et stockage non frigorifique",
    "4321A": "Travaux d'installation électrique",
    "7820Z": "Activités des agences de travail temporaire",
}
HIRINGS = {"1085Z": 3000, "1071D": 1000, "5210B": 5000, "4321A": 2000, "7820Z": 90000}


def sectors():
    return ClientSectors(SOUS_CLASSES, HIRINGS, {"10": "Industries alimentaires"}, _TfIdf)


def test_only_agencies_and_employers_without_naf_have_their_sector_read():
    assert reads_client_sector("78.20Z") and reads_client_sector("7830Z") and reads_client_sector("")
    assert not reads_client_sector("10.85Z")


def test_the_words_after_the_cues_up_to_the_job_are_read():
    text = "Notre agence recrute pour son client, spécialisé dans l'agroalimentaire, un opérateur H/F."
    assert client_words(text) == ["agroalim"]
    assert client_words("Notre agence recrute pour son client un opérateur de production H/F.") == []
    assert client_words("Vos missions : souder des pièces.") == []


def test_a_whole_sector_spreads_over_its_sous_classes_by_hirings():
    found = sectors().detect("Pour notre client, spécialisé dans l'agroalimentaire, nous recherchons un opérateur.")
    assert [code for code, _weight in found] == ["1085Z", "1071D"]
    assert abs(sum(weight for _code, weight in found) - 1.0) < 1e-9
    assert found[0][1] > 2 * found[1][1]  # three times the hirings, the same words


def test_a_label_points_at_its_sous_classe_and_agencies_are_never_the_client():
    detected = sectors().detect("Notre client, un acteur reconnu de l'entreposage et stockage, recherche un cariste.")
    assert detected[0][0] == "5210B"
    assert sectors().detect("Rejoignez le leader du travail temporaire : un client vous attend.") == []
    assert sectors().detect("Vous accueillez les clients du magasin.") == []


def test_the_sector_prior_of_several_sous_classes_is_their_weighted_mean(tmp_path):
    path = tmp_path / "rome_naf_mapping.csv.gz"
    rows = "rome_id,rome_label,naf_id,naf_label,hirings\nA,a,1085Z,Plats,100\nB,b,1085Z,Plats,50\n"
    rows += "B,b,1071D,Pâtisserie,10\n"
    path.write_bytes(gzip.compress(rows.encode()))
    priors = HiringPriors(["A", "B"], {}, path)
    assert priors.naf_labels == {"1085Z": "Plats", "1071D": "Pâtisserie"}
    assert priors.naf_hirings == {"1085Z": 150, "1071D": 10}
    np.testing.assert_allclose(priors.sector_mix([("1085Z", 0.75), ("1071D", 0.25)]), [0.75, 0.75 * 0.5 + 0.25])
    assert priors.sector_mix([("9999Z", 1.0)]) is None


AGENCY_TEXT = "Notre agence recrute pour son client, un acteur majeur du ferroviaire, un câbleur (H/F) en mission."


def test_an_agency_offer_is_coded_by_its_clients_sector(ref, settings, tmp_path):
    """« Câbleur » fits two fiches equally; the agency's client builds trains, and trains are wired by H2602.

    Before, the agency's own NAF (78.20Z) chose, and it hires more electronics wirers (H2605).
    """
    mapping = tmp_path / "labour-market" / "rome_naf_mapping.csv.gz"
    mapping.parent.mkdir()
    rows = [
        "rome_id,rome_label,naf_id,naf_label,hirings",
        "H2605,Montage électronique,3030Z,Construction aéronautique et spatiale,1000",
        "H2602,Câblage électrique,3020Z,Construction de locomotives et d'autre matériel ferroviaire roulant,1000",
        "H2605,Montage électronique,7820Z,Activités des agences de travail temporaire,900",
        "H2602,Câblage électrique,7820Z,Activités des agences de travail temporaire,300",
    ]
    mapping.write_bytes(gzip.compress("\n".join(rows).encode()))
    settings.REFERENCE_DATA_DIR = tmp_path
    suggester = get_suggester()
    agency = OfferText("Câbleur H/F", AGENCY_TEXT, naf_code="78.20Z")
    assert suggester.suggest_for_offer(agency, k=2, per_fiche=1)[0].fiche_code == "H2602"
    # A direct employer's own NAF says its sector: the text is not read for it.
    employer = OfferText("Câbleur H/F", AGENCY_TEXT, naf_code="30.30Z")
    assert suggester.suggest_for_offer(employer, k=2, per_fiche=1)[0].fiche_code == "H2605"
    assert suggester.components(employer)["client"] is None
