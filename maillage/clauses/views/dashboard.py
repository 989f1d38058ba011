from django.shortcuts import redirect, render

from maillage.clauses import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import Sorting

from .. import selectors
from ..models import StatementStatus
from .common import module_required
from .lot_table import LOT_COLUMNS


@module_required
def dashboard(request):
    """The facilitator's dashboard; buyers, companies and viewers land on what they may see."""
    user = request.user
    if not policy.is_facilitator(user):
        if policy.company_ids(user) and not policy.buyer_ids(user):
            return redirect("clauses:company_space")
        if policy.buyer_ids(user):
            return redirect("clauses:operation_list")
        return redirect("clauses:bilan_year")
    data = selectors.dashboard(user, policy.visible_lots(user))
    pending = policy.visible_statements(user).filter(status=StatementStatus.SUBMITTED).count()
    # Every row is computed (totals, alerts); the table shows one sorted page of them.
    sorting = Sorting(request, LOT_COLUMNS, default="avancement")
    page = page_of(request, sorting.sort(data["rows"]))
    return render(
        request, "clauses/dashboard.html", {**data, "pending_total": pending, "page": page, "sorting": sorting}
    )
