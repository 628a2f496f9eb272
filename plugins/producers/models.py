"""The marketplace: producers (vendors), their members, what they own (warehouses, products), the preparation of
each order per producer, and the monthly statements their payouts are made from."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ProducerStatus(models.TextChoices):
    INVITED = "invited", "Invité"
    ACTIVE = "active", "Actif"
    SUSPENDED = "suspended", "Suspendu"


class VatStatus(models.TextChoices):
    LIABLE = "assujetti", "Assujetti à la TVA"
    FRANCHISE = "franchise", "Franchise en base de TVA (art. 293 B du CGI)"


class ProducerLabel(models.TextChoices):
    ORGANIC = "agriculture-biologique", "Agriculture biologique"
    AOP_MAROILLES = "aop-maroilles", "AOP Maroilles"
    HVE = "hve", "Haute valeur environnementale (HVE)"
    WELCOME_FARM = "bienvenue-a-la-ferme", "Bienvenue à la ferme"
    PARK_BRAND = "valeurs-parc", "Valeurs Parc naturel régional de l'Avesnois"
    LABEL_ROUGE = "label-rouge", "Label Rouge"
    NATURE_PROGRES = "nature-et-progres", "Nature & Progrès"


class Producer(models.Model):
    legal_name = models.CharField("raison sociale", max_length=200)
    trade_name = models.CharField("nom commercial", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    siret = models.CharField("SIRET", max_length=14, unique=True)
    vat_status = models.CharField("régime de TVA", max_length=20, choices=VatStatus.choices, default=VatStatus.LIABLE)
    email = models.EmailField("e-mail de contact")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site web", blank=True)
    commune = models.ForeignKey("territory.Commune", verbose_name="commune", on_delete=models.PROTECT,
                                related_name="producers")
    street_address = models.CharField("adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.JSONField("présentation", blank=True, null=True)  # EditorJS
    labels = models.JSONField("labels", default=list, blank=True)  # ProducerLabel values
    # [{"day": 1..7 (ISO), "opens": "09:00", "closes": "12:00"}]: when members of the public may come and collect
    opening_hours = models.JSONField("horaires de retrait", default=list, blank=True)
    order_cutoff_hours = models.PositiveSmallIntegerField("délai de commande (heures avant la distribution)",
                                                          default=48)
    commission_rate = models.DecimalField("commission (%)", max_digits=5, decimal_places=2, default=Decimal("12.00"))
    iban = models.CharField("IBAN", max_length=34, blank=True)
    bic = models.CharField("BIC", max_length=11, blank=True)
    status = models.CharField("statut", max_length=20, choices=ProducerStatus.choices, default=ProducerStatus.INVITED,
                              db_index=True)
    stripe_account_id = models.CharField("compte Stripe Connect", max_length=64, blank=True)
    profile_completed_at = models.DateTimeField("profil complété le", null=True, blank=True)
    approved_at = models.DateTimeField("validé le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        ordering = ["trade_name", "pk"]
        verbose_name = "producteur"
        verbose_name_plural = "producteurs"
        constraints = [
            models.CheckConstraint(condition=Q(commission_rate__gte=0, commission_rate__lte=100),
                                   name="producer_commission_rate_percent"),
        ]

    def __str__(self) -> str:
        return self.trade_name

    @property
    def is_vat_liable(self) -> bool:
        return self.vat_status == VatStatus.LIABLE


class ProducerPhoto(models.Model):
    producer = models.ForeignKey(Producer, related_name="photos", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="producers")
    alt = models.CharField("texte alternatif", max_length=250, blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "photo"
        verbose_name_plural = "photos"


class ProducerWarehouse(models.Model):
    """A warehouse (farm, shop) belongs to one producer; its stock is the producer's stock."""

    warehouse = models.OneToOneField("warehouse.Warehouse", primary_key=True, related_name="producer_link",
                                     on_delete=models.CASCADE)
    producer = models.ForeignKey(Producer, related_name="warehouse_links", on_delete=models.PROTECT)

    class Meta:
        verbose_name = "entrepôt du producteur"
        verbose_name_plural = "entrepôts du producteur"


class ProducerProduct(models.Model):
    """Exactly one producer per product: the product is the primary key, so a second owner cannot exist."""

    product = models.OneToOneField("product.Product", primary_key=True, related_name="producer_link",
                                   on_delete=models.CASCADE)
    producer = models.ForeignKey(Producer, related_name="product_links", on_delete=models.PROTECT)

    class Meta:
        verbose_name = "produit du producteur"
        verbose_name_plural = "produits du producteur"


class MemberRole(models.TextChoices):
    OWNER = "owner", "Responsable"
    STAFF = "staff", "Équipe"


class ProducerMember(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, related_name="producer_membership",
                                on_delete=models.CASCADE)
    producer = models.ForeignKey(Producer, related_name="members", on_delete=models.CASCADE)
    role = models.CharField("rôle", max_length=10, choices=MemberRole.choices, default=MemberRole.STAFF)
    invited_at = models.DateTimeField("invité le", default=timezone.now)
    joined_at = models.DateTimeField("a rejoint le", null=True, blank=True)

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"


class PreparationStatus(models.TextChoices):
    TO_PREPARE = "to_prepare", "À préparer"
    READY = "ready", "Prête"
    CANCELLED = "cancelled", "Annulée"


class Preparation(models.Model):
    """What one producer prepares for one order (the order split). The order goes on when every one is ready."""

    order = models.ForeignKey("order.Order", related_name="preparations", on_delete=models.CASCADE)
    producer = models.ForeignKey(Producer, related_name="preparations", on_delete=models.PROTECT)
    status = models.CharField("statut", max_length=20, choices=PreparationStatus.choices,
                              default=PreparationStatus.TO_PREPARE, db_index=True)
    distribution_date = models.DateField("jour de distribution", db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField("prête le", null=True, blank=True)
    ready_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                 on_delete=models.SET_NULL)

    class Meta:
        ordering = ["distribution_date", "pk"]
        verbose_name = "préparation"
        verbose_name_plural = "préparations"
        constraints = [models.UniqueConstraint(fields=["order", "producer"], name="one_preparation_per_producer")]


class PreparationLine(models.Model):
    preparation = models.ForeignKey(Preparation, related_name="lines", on_delete=models.CASCADE)
    order_line = models.OneToOneField("order.OrderLine", related_name="preparation_line", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField("quantité")
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    cancel_reason = models.CharField("motif", max_length=255, blank=True)
    refunded_amount = models.DecimalField("remboursé TTC", max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ["pk"]
        verbose_name = "ligne à préparer"
        verbose_name_plural = "lignes à préparer"


class StatementStatus(models.TextChoices):
    DRAFT = "draft", "À payer"
    PAID = "paid", "Payé"


class Statement(models.Model):
    """A producer's month: sales TTC by VAT rate, refunds, commission HT and its VAT, net to pay."""

    producer = models.ForeignKey(Producer, related_name="statements", on_delete=models.PROTECT)
    month = models.DateField("mois")  # the first day of the month
    sales_by_rate = models.JSONField("ventes TTC par taux", default=list)  # [{"rate": "5.50", "gross": "12.50"}]
    sales_gross = models.DecimalField("ventes TTC", max_digits=12, decimal_places=2, default=Decimal("0"))
    refunds_gross = models.DecimalField("remboursements TTC", max_digits=12, decimal_places=2, default=Decimal("0"))
    commission_rate = models.DecimalField("commission (%)", max_digits=5, decimal_places=2)
    commission_net = models.DecimalField("commission HT", max_digits=12, decimal_places=2, default=Decimal("0"))
    commission_vat = models.DecimalField("TVA sur commission", max_digits=12, decimal_places=2, default=Decimal("0"))
    net_payable = models.DecimalField("net à verser", max_digits=12, decimal_places=2, default=Decimal("0"))
    order_count = models.PositiveIntegerField("commandes", default=0)
    status = models.CharField("statut", max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT)
    computed_at = models.DateTimeField("calculé le", default=timezone.now)
    paid_at = models.DateTimeField("payé le", null=True, blank=True)
    payout_reference = models.CharField("référence du virement", max_length=255, blank=True)

    class Meta:
        ordering = ["-month", "producer__trade_name"]
        verbose_name = "relevé mensuel"
        verbose_name_plural = "relevés mensuels"
        constraints = [models.UniqueConstraint(fields=["producer", "month"], name="one_statement_per_month")]

    def __str__(self) -> str:
        return f"{self.producer} — {self.month:%m/%Y}"
