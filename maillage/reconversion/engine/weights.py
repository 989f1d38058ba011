"""The engine's combination weights: one interpretable weight per channel.

Tuned on half of the development mobility links (``bench/transitions.py --tune``), checked on
the other half; they are the only thing learnt from links. The engine never reads links itself.
"""

ENGINE_VERSION = "2026.11-4"

DEFAULT_WEIGHTS: dict[str, float] = {
    # skills
    "itemwords": 0.35,
    "sav": 0.3,
    "sf": 0.1,
    "macro": 0.025,
    "cat": 0.012,
    # texts and labels
    "text": 0.21,
    "label": 0.274,
    # codes
    "orig": 0.07,
    "level": 0.04,
    "level_up": 0.004,
    "cadre": 0.015,
    "same_parent": 0.04,
    # bridges to other domains
    "interest_x": 0.05,
    "sectors_x": 0.012,
}

# Weight of a skill item by its importance in the fiche (coeur de métier, émergente, autre).
DEFAULT_IMPORTANCE = {"core": 2.0, "emerging": 1.5, "": 1.0}
