from django.contrib import admin

from .models import Buyer, Contract, DecpImport, RadarSettings


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    list_display = ["siret", "name"]
    search_fields = ["siret", "name"]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["ref", "buyer", "cpv_code", "amount", "notified_on", "epci", "has_social"]
    list_filter = ["data_format", "has_social", "year"]
    search_fields = ["ref", "buyer__siret", "object"]
    raw_id_fields = ["buyer", "commune", "epci", "departement", "followed_by"]
    show_full_result_count = False


@admin.register(DecpImport)
class DecpImportAdmin(admin.ModelAdmin):
    list_display = ["label", "status", "started_at", "finished_at"]
    readonly_fields = ["counts", "summary"]


@admin.register(RadarSettings)
class RadarSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "labour_intensive_divisions", "prospect_min_contracts"]
