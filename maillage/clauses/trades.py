"""The trades (ROME 4.0 fiches) a lot hires for, read from its CPV code.

A clause lot is known by its CPV code, a candidate by the ROME fiches of the jobs they held or seek.
This small crosswalk covers the markets that carry insertion clauses (works, cleaning, green spaces,
waste, catering, transport, logistics); the most specific CPV prefix wins. It is data, not code
paths: a facilitator's territory can extend it without touching the selectors."""

CPV_TRADES: dict[str, tuple[str, ...]] = {
    "45": ("F1704", "F1703"),  # construction works: labourer, mason
    "451": ("F1704", "F1702"),  # site preparation, demolition, earthworks
    "452": ("F1703", "F1701", "F1704", "F1706"),  # building and civil engineering
    "4523": ("F1702", "F1705", "F1704"),  # roads, pipelines, networks
    "4526": ("F1613", "F1703"),  # roofing, waterproofing, specialised trades
    "453": ("F1602", "F1603", "F1605"),  # installation works
    "4531": ("F1602", "F1605"),  # electrical installation
    "4533": ("F1603",),  # plumbing, heating
    "454": ("F1601", "F1604", "F1606", "F1607", "F1608", "F1609"),  # finishing works
    "4541": ("F1601", "F1604"),  # plastering, dry lining
    "4542": ("F1607",),  # joinery, carpentry
    "4543": ("F1608", "F1609"),  # floor and wall covering
    "4544": ("F1606",),  # painting, glazing
    "50": ("I1203",),  # repair and maintenance
    "55": ("G1602", "G1603"),  # catering
    "60": ("N4101",),  # road transport
    "63": ("N1103", "N1105"),  # logistics, handling
    "77": ("A1203",),  # green spaces
    "90": ("K2204", "K2303", "K2304"),  # cleaning, waste
    "905": ("K2303", "K2304"),  # waste collection and sorting
    "909": ("K2204", "I1203"),  # cleaning of buildings
    "31": ("H2602", "H2909"),  # electrical equipment: wiring, assembly
}


def trades_of_cpv(cpv_code: str) -> tuple[str, ...]:
    """ROME fiche codes for a CPV code: the longest matching prefix, or nothing."""
    code = (cpv_code or "").strip()
    for length in range(min(len(code), 8), 1, -1):
        trades = CPV_TRADES.get(code[:length])
        if trades:
            return trades
    return ()
