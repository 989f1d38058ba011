"""Demo: the transitions table, built once from the bundled ROME export (idempotent)."""

from .engine.files import RomeFilesError
from .models import Transition
from .services import build_from, bundled_rome_dir


def seed(stdout=None) -> None:
    """Build the transitions if the table is empty and the ROME referential is loaded."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    from maillage.referentials.models import RomeFiche

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
