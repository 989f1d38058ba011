"""French formats of Maillage (``FORMAT_MODULE_PATH``): what Django prints when a template does not say.

One date format per context (docs/french.md): lists and tables « 07/12/2026 », prose and headings
« 7 décembre 2026 »; thousands with the narrow no-break space of French typography (« 12 345 »), used
by ``intcomma``, ``floatformat:"0g"`` and the ``thousands`` filter alike. ``USE_THOUSAND_SEPARATOR`` stays
off so that identifiers, years, SIRET and codes printed in pages and URLs never get a separator.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y à H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
