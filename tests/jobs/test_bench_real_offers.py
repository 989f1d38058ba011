"""The bench's default path to the real evaluation offers, from the main checkout and from a git worktree."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "real_offers.py"


@pytest.fixture(scope="module")
def real_offers():
    spec = importlib.util.spec_from_file_location("bench_real_offers", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_default_path_is_beside_the_main_checkout_even_from_a_worktree(real_offers, tmp_path, monkeypatch):
    monkeypatch.delenv("MAILLAGE_REAL_OFFERS", raising=False)
    main = tmp_path / "work" / "main"
    (main / ".git" / "worktrees" / "offers").mkdir(parents=True)
    worktree = tmp_path / "elsewhere" / "offers"
    worktree.mkdir(parents=True)
    (worktree / ".git").write_text(f"gitdir: {main / '.git' / 'worktrees' / 'offers'}\n", encoding="utf-8")
    expected = tmp_path / "work" / "shared" / "data" / "offers" / "ft_offres_dev_1500.json.gz"
    assert real_offers.real_offers_path(main) == expected
    assert real_offers.real_offers_path(worktree) == expected  # before: tmp_path/elsewhere/shared/…


def test_environment_variable_wins(real_offers, tmp_path, monkeypatch):
    monkeypatch.setenv("MAILLAGE_REAL_OFFERS", str(tmp_path / "offers.json"))
    assert real_offers.real_offers_path(tmp_path) == tmp_path / "offers.json"
