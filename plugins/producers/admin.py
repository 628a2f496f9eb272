"""Staff side of the marketplace: producers (invite, approve, suspend), members, preparations and the monthly
statements of every producer (recompute, CSV/PDF export, mark paid after the SEPA transfer, Stripe Connect payout).
Actions only call the services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from plugins.producers import exports
from plugins.producers.models import Preparation, Producer, ProducerMember, ProducerWarehouse, Statement
from plugins.producers.services import producers as producer_services
from plugins.producers.services import statements as statement_services
from plugins.producers.validators import format_iban


def _report(modeladmin, request, action, items) -> None:
    done = 0
    for item in items:
        try:
            action(item)
            done += 1
        except ValidationError as exc:
            modeladmin.message_user(request, f"{item} : {' '.join(exc.messages)}", messages.ERROR)
    if done:
        modeladmin.message_user(request, f"{done} élément(s) traité(s).", messages.SUCCESS)


class MemberInline(admin.TabularInline):
    model = ProducerMember
    extra = 0
    fields = ("user", "role", "invited_at", "joined_at")
    readonly_fields = ("invited_at", "joined_at")
    raw_id_fields = ("user",)


class WarehouseInline(admin.TabularInline):
    model = ProducerWarehouse
    extra = 0
    raw_id_fields = ("warehouse",)


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ("trade_name", "commune", "status", "vat_status", "commission_rate", "approved_at")
    list_filter = ("status", "vat_status", "is_demo")
    search_fields = ("trade_name", "legal_name", "siret", "email")
    readonly_fields = ("profile_completed_at", "approved_at", "created_at", "updated_at")
    inlines = (MemberInline, WarehouseInline)
    actions = ("approve", "suspend", "invite_again")

    @admin.action(description="Valider les producteurs sélectionnés (statut actif)")
    def approve(self, request, queryset):
        _report(self, request, lambda p: producer_services.producer_approve(producer=p), queryset)

    @admin.action(description="Suspendre les producteurs sélectionnés")
    def suspend(self, request, queryset):
        _report(self, request, lambda p: producer_services.producer_suspend(producer=p), queryset)

    @admin.action(description="Renvoyer l'invitation aux membres qui n'ont pas encore rejoint")
    def invite_again(self, request, queryset):
        from backend.core.events import enqueue
        from plugins.producers.tasks import send_member_invitation

        for member in ProducerMember.objects.filter(producer__in=queryset, joined_at__isnull=True):
            enqueue(send_member_invitation, member.user_id)
        self.message_user(request, "Invitations renvoyées.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        """A producer created here goes through the service: validated, and its contact invited by mail."""
        if change:
            return super().save_model(request, obj, form, change)
        data = {field: form.cleaned_data[field] for field in producer_services.PROFILE_FIELDS
                if field in form.cleaned_data and form.cleaned_data[field] not in (None, "")}
        created = producer_services.producer_create(data=data, invited_by=request.user)
        obj.pk = created.pk


@admin.register(Preparation)
class PreparationAdmin(admin.ModelAdmin):
    list_display = ("order", "producer", "distribution_date", "status", "ready_at")
    list_filter = ("status", "distribution_date")
    search_fields = ("producer__trade_name", "order__number")
    readonly_fields = ("order", "producer", "distribution_date", "status", "ready_at", "ready_by", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("producer", "month", "sales_gross", "refunds_gross", "commission_net", "commission_vat",
                    "net_payable", "status", "payout_iban")
    list_filter = ("status", "month")
    search_fields = ("producer__trade_name",)
    readonly_fields = [f.name for f in Statement._meta.fields]
    actions = ("recompute", "export_csv", "export_pdf", "pay_with_stripe")

    @admin.display(description="IBAN (virement SEPA)")
    def payout_iban(self, statement):
        return format_iban(statement.producer.iban) if statement.producer.iban else "—"

    def has_add_permission(self, request):
        return False

    @admin.action(description="Recalculer les relevés sélectionnés")
    def recompute(self, request, queryset):
        _report(self, request, lambda s: statement_services.statement_compute(producer=s.producer, month=s.month),
                queryset)

    @admin.action(description="Exporter en CSV (Excel)")
    def export_csv(self, request, queryset):
        statement = queryset.first()
        response = HttpResponse(exports.statement_csv(statement), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="releve-{statement.producer.slug}-'
                                           f'{statement.month:%Y-%m}.csv"')
        return response

    @admin.action(description="Exporter en PDF")
    def export_pdf(self, request, queryset):
        statement = queryset.first()
        response = HttpResponse(exports.statement_pdf(statement), content_type="application/pdf")
        response["Content-Disposition"] = (f'attachment; filename="releve-{statement.producer.slug}-'
                                           f'{statement.month:%Y-%m}.pdf"')
        return response

    @admin.action(description="Verser par Stripe Connect")
    def pay_with_stripe(self, request, queryset):
        _report(self, request, lambda s: statement_services.statement_pay_with_stripe(statement=s), queryset)

