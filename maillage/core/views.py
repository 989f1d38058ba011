from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts import policies
from maillage.accounts.decorators import permission_required
from maillage.kernel import mde, plugins
from maillage.kernel.models import TaskRun
from maillage.kernel.tasks import start_task_run

from . import dashboard, selectors, tasks
from .modules import all_modules


@login_not_required
def home(request):
    """A home per role: the cards the modules contribute for this user (their main task first), then,
    for the staff of the territory, the perimeter, the partners and the reference data."""
    if not request.user.is_authenticated:
        # The public home says only what exists: the installed modules, never the announced ones.
        available = [spec for spec in all_modules() if spec.is_available]
        context = {"menu_public": available, "public_links": plugins.public_links()}
        return render(request, "core/landing.html", context)
    cards = sorted(dashboard.cards_for(request.user), key=lambda card: card.priority)
    is_staff = policies.has_perm(request.user, policies.Perm.VIEW_ORGANISATIONS) and policies.has_perm(
        request.user, policies.Perm.VIEW_PERSONAL_DATA
    )
    # The role's main task leads, unless it is empty while something waits for an answer (« Vos
    # candidats : 0 » led an association's home while three referrals waited for it).
    main_card = cards[0] if cards else None
    if main_card is not None and main_card.is_nil:
        main_card = next((card for card in cards if card.alert and not card.is_nil), main_card)
    context = {"cards": cards, "main_card": main_card, "is_staff": is_staff}
    if is_staff:
        context.update(
            perimeter=selectors.perimeter_summary(mde.settings()),
            organisations=selectors.organisations_by_kind(policies.visible_organisations(request.user)),
            loads=selectors.referential_loads(),
            recent_tasks=TaskRun.objects.filter(created_by=request.user)[:5],
        )
    return render(request, "core/dashboard.html", context)


@login_required
def module_placeholder(request, key):
    module = next((m for m in all_modules() if m.key == key), None)
    if module is None:
        raise Http404("Module inconnu")
    if module.is_available:
        return redirect(module.url_name)
    return render(request, "core/module_placeholder.html", {"module": module})


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Monitoring probe: JSON with the database status (HTTP 503 when the database is down)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # any database failure means "not healthy"
        database = "erreur"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "erreur", "database": database}, status=status)


@login_not_required
def sources(request):
    return render(request, "core/sources.html")


@login_required
@permission_required(policies.Perm.RUN_TASKS)
def task_list(request):
    runs = TaskRun.objects.filter(created_by=request.user)[:20]
    return render(request, "core/task_list.html", {"runs": runs})


@login_required
@permission_required(policies.Perm.RUN_TASKS)
@require_POST
def task_demo_start(request):
    run = start_task_run("demo", "Démonstration : comptage des communes par département", user=request.user)
    tasks.demo_count_communes(run.pk)
    messages.info(request, "La tâche a été lancée : sa progression s'affiche ci-dessous.")
    return redirect("core:task_detail", pk=run.pk)


@login_required
def task_detail(request, pk):
    run = get_object_or_404(TaskRun, pk=pk, created_by=request.user)
    template = "core/_task_progress.html" if request.htmx else "core/task_detail.html"
    return render(request, template, {"run": run})
