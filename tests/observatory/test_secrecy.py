"""Statistical secrecy: primary masking and secondary masking so a masked cell cannot be recovered."""

import itertools

import pytest

from maillage.observatory import secrecy


def recoverable(cells: dict, masked: set, lines) -> bool:
    """Whether some masked cell equals a shown line total minus its visible siblings."""
    groups = []
    if "row" in lines:
        groups += [[k for k in cells if k[0] == r] for r in {k[0] for k in cells}]
    if "col" in lines:
        groups += [[k for k in cells if k[1] == c] for c in {k[1] for k in cells}]
    return any(sum(1 for k in group if k in masked) == 1 for group in groups)


def test_small_counts_are_masked_not_zero_or_large(settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    assert secrecy.mask_value(3) is None
    assert secrecy.mask_value(0) == 0
    assert secrecy.mask_value(5) == 5
    assert secrecy.mask_value(3, unit="projets") == 3  # not a count of people


def test_threshold_is_configurable(settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 11
    assert secrecy.mask_value(10) is None


def test_one_masked_cell_in_a_series_with_total_hides_a_sibling(settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    protected = secrecy.protect_series({"a": 120, "b": 3, "c": 40, "d": 55})
    assert protected.primary == {"b"}
    assert protected.secondary == {"c"}  # the smallest other cell
    assert protected.values["b"] is None and protected.values["c"] is None
    total = 120 + 3 + 40 + 55
    visible = sum(v for v in protected.values.values() if v is not None)
    assert total - visible == 43  # two cells remain unknown: 3 cannot be told apart


def test_series_without_total_needs_no_secondary(settings):
    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    protected = secrecy.protect_series({"a": 120, "b": 3}, with_total=False)
    assert protected.masked == {"b"}


@pytest.mark.parametrize("seed", range(25))
def test_matrix_never_leaves_a_line_with_a_single_masked_cell(settings, seed):
    import random

    settings.OBSERVATORY_SECRECY_THRESHOLD = 5
    rng = random.Random(seed)
    cells = {(r, c): rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]) for r, c in itertools.product(range(5), range(4))}
    protected = secrecy.protect_matrix(cells)
    assert all(cells[k] is not None and 0 < cells[k] < 5 for k in protected.primary)
    assert not recoverable(cells, protected.masked, ("row", "col"))
    assert all(protected.values[k] is None for k in protected.masked)
