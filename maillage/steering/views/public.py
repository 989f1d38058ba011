"""The public dashboard for elected officials and funders: key figures by EPCI, no personal data."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from ..selectors.reporting import public_dashboard
from .common import year_of


@login_not_required
def dashboard(request):
    year = year_of(request)
    data = public_dashboard(year)
    map_data = {
        "epcis": [
            {"code": e["code"], "name": e["name"], "outline": e["outline"]} for e in data["epcis"] if e["outline"]
        ],
    }
    rows = []
    for figure in data["figures"]:
        rows.append({**figure, "cells": list(zip(data["epcis"], figure["by_epci"], strict=True))})
    chart = next(
        (f for f in data["figures"] if f["key"] == "clauses.hours"), data["figures"][0] if data["figures"] else None
    )
    chart_data = (
        {
            "label": chart["label"],
            "unit": chart["unit"],
            "labels": [e["name"] for e in data["epcis"]],
            "values": chart["by_epci"],
        }
        if chart
        else None
    )
    context = {
        "year": year,
        "data": data,
        "rows": rows,
        "map_data": map_data,
        "chart_data": chart_data,
        "chart": chart,
    }
    return render(request, "steering/public_dashboard.html", context)
