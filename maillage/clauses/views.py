from django.http import HttpResponse


def dashboard(request):
    return HttpResponse("")


market_detail = operation_detail = lot_detail = participant_detail = dashboard
