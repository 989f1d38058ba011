"""Technical administration: the referentials are read-only here (they come from the load commands)."""

from django.contrib import admin

from .models import Appellation, CpvCode, Fap, NafCode, ReferentialLoad, RomeFiche, Skill


class ReadOnlyAdmin(admin.ModelAdmin):
    """Searchable, never edited by hand: ``load_referentials`` owns these rows."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReferentialLoad)
class ReferentialLoadAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "loaded_at", "source"]


@admin.register(RomeFiche)
class RomeFicheAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "domaine", "code_rome_parent"]
    search_fields = ["code", "label", "search_label"]
    list_filter = ["domaine__grand_domaine"]


@admin.register(Appellation)
class AppellationAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "fiche", "is_main", "rarely_used"]
    search_fields = ["code", "label", "search_label", "fiche__code"]
    list_select_related = ["fiche"]


@admin.register(Skill)
class SkillAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "kind", "category"]
    search_fields = ["code", "label", "search_label"]
    list_filter = ["kind"]


@admin.register(NafCode)
class NafCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "level"]
    search_fields = ["code", "label", "search_label"]
    list_filter = ["level"]


@admin.register(CpvCode)
class CpvCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "check_digit", "label", "division"]
    search_fields = ["code", "label", "search_label"]


@admin.register(Fap)
class FapAdmin(ReadOnlyAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]
