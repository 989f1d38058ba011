"""Where the real France Travail evaluation offers are (never bundled, evaluation only: ADR 0007).

``MAILLAGE_REAL_OFFERS`` if set, else ``shared/data/offers/`` beside the repository's main checkout,
so that the default also works from a git worktree (whose ``.git`` is a file pointing into the main
checkout's ``.git/worktrees/<name>``), wherever that worktree is.
"""

import os
from pathlib import Path

FILE_NAME = "ft_offres_dev_1500.json.gz"


def main_checkout(root: Path) -> Path:
    """The repository's main checkout: ``root`` itself, or the checkout a worktree's ``.git`` file points into."""
    git = root / ".git"
    if git.is_file():
        text = git.read_text(encoding="utf-8")
        if text.startswith("gitdir:"):
            gitdir = Path(text.removeprefix("gitdir:").strip())
            gitdir = gitdir if gitdir.is_absolute() else (root / gitdir).resolve()
            if gitdir.parent.name == "worktrees":  # <main>/.git/worktrees/<name>
                return gitdir.parent.parent.parent
    return root


def real_offers_path(root: Path) -> Path:
    """The real offers' file: ``MAILLAGE_REAL_OFFERS``, else ``../shared/data/offers/`` from the main checkout."""
    if os.environ.get("MAILLAGE_REAL_OFFERS"):
        return Path(os.environ["MAILLAGE_REAL_OFFERS"])
    return main_checkout(root).parent / "shared" / "data" / "offers" / FILE_NAME
