"""Technical administration (the pages of the module are the normal way to work)."""

from django.contrib import admin

from . import models


@admin.register(models.Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "naf", "size_band", "commune", "organisation", "is_active"]
    list_filter = ["size_band", "is_active"]
    search_fields = ["name", "siret", "naf"]
    raw_id_fields = ["commune", "organisation", "referent"]


@admin.register(models.RecruitmentNeed)
class RecruitmentNeedAdmin(admin.ModelAdmin):
    list_display = ["establishment", "appellation", "positions", "contract_type", "wanted_by", "reason", "status"]
    list_filter = ["status", "reason", "contract_type"]
    raw_id_fields = ["establishment", "appellation", "created_by"]


@admin.register(models.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "establishment", "status", "start_date", "end_date", "amount", "jobs_target"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["establishment"]


@admin.register(models.HiringWeight)
class HiringWeightAdmin(admin.ModelAdmin):
    list_display = ["rome_v3", "naf", "naf_label", "hirings"]
    search_fields = ["rome_v3", "naf"]
