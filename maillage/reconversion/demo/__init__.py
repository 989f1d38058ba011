"""Demo: the transitions table, built once from the bundled ROME export, and the official mobility
links of the development extract, for display (both idempotent)."""

from django.conf import settings

from ..engine.files import RomeFilesError
from ..models import Transition
from ..services import build_from, bundled_rome_dir


def seed(stdout=None) -> None:
    """Build the transitions if the table is empty and the ROME referential is loaded."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    from maillage.referentials.models import RomeFiche

    if not RomeFiche.objects.exists():
        say("Passerelles : référentiel ROME non chargé (load_referentials), rien à calculer.")
        return
    _load_official_links(say)
    if Transition.objects.exists():
        say("Passerelles : déjà calculées.")
        return
    if not RomeFiche.objects.exists():
        say("Passerelles : référentiel ROME non chargé (load_referentials), rien à calculer.")
        return
    try:
        result = build_from(rome_dir=bundled_rome_dir()) if bundled_rome_dir().is_dir() else build_from(from_db=True)
    except RomeFilesError:
        result = build_from(from_db=True)
    say(f"Passerelles : {result.transitions} calculées pour {result.fiches} fiches.")


def _load_official_links(say) -> None:
    from maillage.referentials.loaders.mobility import load_mobility_file
    from maillage.referentials.models import MobilityLink

    path = settings.BASE_DIR / "data" / "reference" / "rome-mobility" / "mobility_dev.csv.gz"
    if MobilityLink.objects.exists() or not path.is_file():
        return
    _stats, read, _skipped = load_mobility_file(path)
    say(f"Mobilités officielles (extrait de développement) : {read} liens chargés pour l'affichage.")
