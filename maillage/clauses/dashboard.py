"""Home cards of the social-clauses module, by role (its ``dashboard`` hook, declared in ``module.py``).

Facilitator: lots behind schedule, declarations to validate, eligibilities expiring. Company: its lots
and declarations. Buyer: its markets' progress and bilans. Elected officials and funders: the year's
hours on the territory."""

from datetime import date

from django.urls import reverse

from maillage.common_text import count_of, group_thousands
from maillage.kernel.plugins import Card

from . import policies as policy
from . import selectors
from .models import HoursStatement, StatementStatus
from .selectors.steering import period_figures


def _n(value) -> str:
    return group_thousands(round(value or 0))


def cards(user) -> list[Card]:
    if not policy.can_use_module(user):
        return []
    if policy.is_facilitator(user):
        data = selectors.home_figures(user, policy.visible_lots(user))
        pending = policy.visible_statements(user).filter(status=StatementStatus.SUBMITTED).count()
        return [
            Card(
                "Déclarations à valider",
                _n(pending),
                "heures déclarées par les entreprises",
                reverse("clauses:statement_queue"),
                alert=pending > 0,
                priority=10,
            ),
            Card(
                "Lots en retard",
                _n(data["behind"]),
                f"sur {count_of(data['lots'], 'lot suivi')}",
                reverse("clauses:lot_list") + "?retard=1",
                alert=bool(data["behind"]),
                priority=11,
            ),
            Card(
                "Éligibilités qui expirent",
                _n(data["expiring"]),
                "dans les 60 prochains jours",
                reverse("clauses:dashboard") + "#alertes-eligibilite",
                priority=12,
            ),
        ]
    result = []
    companies = policy.company_ids(user)
    if companies:
        lots = policy.visible_lots(user).filter(lot_companies__company_id__in=companies).distinct().count()
        pending = HoursStatement.objects.filter(
            contract__employer_id__in=companies, status=StatementStatus.SUBMITTED
        ).count()
        result.append(
            Card(
                "Vos lots avec clause sociale",
                _n(lots),
                f"{count_of(pending, 'déclaration')} en attente de validation",
                reverse("clauses:company_space"),
                priority=10,
            )
        )
    if policy.buyer_ids(user):
        lots = policy.visible_lots(user)
        rows = selectors.progress_rows(lots.select_related("market__operation"))
        target = sum(r["target"] for r in rows)
        done = sum(r["done"] for r in rows)
        rate = f"{round(100 * done / target)}\u00a0%" if target else "–"
        result.append(
            Card(
                "Avancement des clauses de vos marchés",
                rate,
                f"{count_of(round(done), 'heure réalisée')} sur {_n(target)}",
                reverse("clauses:operation_list"),
                priority=10,
            )
        )
        result.append(
            Card(
                "Bilans de vos marchés",
                str(date.today().year),
                "bilan annuel, PDF et tableur",
                reverse("clauses:bilan_year"),
                priority=11,
            )
        )
    elif policy.can_view_aggregates(user) and not companies:
        year = date.today().year
        # Counted hours (the rules applied), as the bilan this card links to and the steering plan.
        hours = period_figures(start=date(year, 1, 1), end=date(year, 12, 31))["hours"]
        result.append(
            Card(
                f"Heures d'insertion réalisées en {year}",
                _n(hours),
                "sur le territoire, validées",
                reverse("clauses:bilan_year"),
                priority=12,
            )
        )
    return result
