"""The dashboard: what to prepare next, recent orders, sales over 12 weeks."""

from django.utils import timezone
from django.views.decorators.http import require_GET

from plugins.producers.portal import selectors
from plugins.producers.portal.access import portal_view, render


@require_GET
@portal_view
def dashboard(request):
    producer = request.portal.producer
    weeks = selectors.weekly_sales(producer=producer)
    return render(request, "portal/dashboard.html", {
        "days": selectors.upcoming_days(producer=producer, today=timezone.localdate()),
        "recent": selectors.recent_preparations(producer=producer),
        "weeks": weeks, "chart": selectors.sales_chart(weeks), "nav": "dashboard"})
