"""What the platform needs with or without demo data: the channel, the shop settings, the French VAT classes,
the legal pages and the footer menu that links them.

Created only when missing (get_or_create): once EPCI staff have edited a page or a rate in the admin, running
`comptoir setup` again never overwrites their work.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.commerce.channel.models import Channel
from backend.commerce.menu.models import Menu, MenuItem
from backend.commerce.page.models import Page, PageType
from backend.commerce.site.models import SiteSettings
from backend.commerce.tax.models import TaxClass
from backend.demo.editorjs import bullet_list, document, header, paragraph

CHANNEL_NAME = "Comptoir de Mormal"
TAX_CLASSES = {
    "food": ("Alimentation (5,5 %)", Decimal("5.5")),
    "intermediate": ("Taux intermédiaire (10 %)", Decimal("10")),
    "standard": ("Taux normal (20 %)", Decimal("20")),
}
LEGAL_PAGE_TYPE_SLUG = "page-legale"


@dataclass(frozen=True)
class Essentials:
    channel: Channel
    tax_classes: dict[str, TaxClass]
    legal_pages: dict[str, Page]


def _legal_notice() -> dict:
    return document([
        header("Éditeur du site"),
        paragraph("Le Comptoir de Mormal est édité par la Communauté de communes du Pays de Mormal "
                  "(SIREN 200043321), établissement public de coopération intercommunale du Nord (59). "
                  "Adresse du siège, directeur ou directrice de la publication et contact : à compléter par l'EPCI "
                  "avant la mise en ligne."),
        header("Hébergement"),
        paragraph("Nom, adresse et téléphone de l'hébergeur : à compléter avant la mise en ligne "
                  "(article 6 de la loi n° 2004-575 du 21 juin 2004 pour la confiance dans l'économie numérique)."),
        header("Producteurs"),
        paragraph("Chaque produit est vendu par le producteur ou l'artisan indiqué sur sa fiche ; le Comptoir de "
                  "Mormal met en relation les habitants et les producteurs du territoire."),
        header("Sources des données"),
        paragraph("Communes, codes postaux, populations et positions : INSEE (COG, populations légales), DGCL, "
                  "La Poste (base officielle des codes postaux), IGN ADMIN EXPRESS. Bibliothèques : Ministère de "
                  "la Culture. France services : ANCT. Données sous Licence Ouverte Etalab."),
    ])


def _terms_of_sale() -> dict:
    return document([
        header("Objet"),
        paragraph("Les présentes conditions générales de vente s'appliquent aux commandes passées sur le Comptoir "
                  "de Mormal auprès des producteurs et artisans du Pays de Mormal. Les prix sont indiqués en euros, "
                  "toutes taxes comprises (TVA à 5,5 % pour l'alimentation, 10 % ou 20 % selon les produits)."),
        header("Commande et paiement"),
        paragraph("La commande est confirmée par e-mail. Le paiement se fait en ligne par carte bancaire ou au "
                  "retrait, selon le choix proposé au moment de la commande."),
        header("Retrait et livraison"),
        paragraph("Les produits sont à retirer dans le point de retrait choisi, ou livrés à domicile dans les "
                  "communes desservies, au créneau choisi lors de la commande."),
        header("Droit de rétractation"),
        paragraph("Pour les produits non périssables (artisanat, épicerie sèche, boissons), vous disposez d'un "
                  "délai de quatorze jours à compter de la réception pour exercer votre droit de rétractation, sans "
                  "avoir à vous justifier (article L221-18 du Code de la consommation)."),
        paragraph("Conformément à l'article L221-28 du Code de la consommation, le droit de rétractation ne peut "
                  "pas être exercé pour :"),
        bullet_list([
            "la fourniture de biens susceptibles de se détériorer ou de se périmer rapidement (fromages, produits "
            "laitiers, viandes, fruits et légumes frais, pain et pâtisseries) (4°) ;",
            "la fourniture de biens confectionnés selon les spécifications du consommateur ou nettement "
            "personnalisés (3°) ;",
            "la fourniture de biens qui ont été descellés par le consommateur après la livraison et qui ne peuvent "
            "être renvoyés pour des raisons d'hygiène ou de protection de la santé (5°).",
        ]),
        header("Réclamations et médiation"),
        paragraph("En cas de produit non conforme, contactez-nous dans les 48 heures avec une photo : le producteur "
                  "vous rembourse ou remplace le produit. Coordonnées du médiateur de la consommation : à compléter "
                  "par l'EPCI."),
    ])


def _privacy() -> dict:
    return document([
        header("Responsable du traitement"),
        paragraph("La Communauté de communes du Pays de Mormal traite vos données pour gérer votre compte, vos "
                  "commandes, leur retrait ou leur livraison (exécution du contrat)."),
        header("Données traitées et durée de conservation"),
        bullet_list([
            "identité et coordonnées : le temps de votre compte, puis 3 ans sans activité ;",
            "commandes et factures : 10 ans (obligations comptables) ;",
            "adresse de livraison : transmise au producteur et au livreur pour la seule livraison.",
        ]),
        header("Vos droits"),
        paragraph("Vous pouvez accéder à vos données, les rectifier, les effacer, en demander la portabilité ou "
                  "vous opposer à leur traitement en écrivant à l'adresse de contact du site. Vous pouvez aussi "
                  "saisir la CNIL (www.cnil.fr)."),
        header("Cookies"),
        paragraph("Le site n'utilise que les cookies nécessaires à son fonctionnement (session, panier) ; aucun "
                  "cookie publicitaire ni de mesure d'audience tierce."),
    ])


LEGAL_PAGES = [
    ("mentions-legales", "Mentions légales", _legal_notice),
    ("conditions-generales-de-vente", "Conditions générales de vente", _terms_of_sale),
    ("donnees-personnelles", "Données personnelles", _privacy),
]


def channel_ensure() -> Channel:
    channel, _ = Channel.objects.get_or_create(
        slug=settings.DEFAULT_CHANNEL_SLUG,
        defaults={"name": CHANNEL_NAME, "currency_code": "EUR", "default_country": "FR"},
    )
    return channel


def tax_classes_ensure() -> dict[str, TaxClass]:
    return {
        key: TaxClass.objects.get_or_create(name=name, defaults={"rate": rate})[0]
        for key, (name, rate) in TAX_CLASSES.items()
    }


def legal_pages_ensure() -> dict[str, Page]:
    page_type, _ = PageType.objects.get_or_create(slug=LEGAL_PAGE_TYPE_SLUG, defaults={"name": "Page légale"})
    pages = {}
    for order, (slug, title, content) in enumerate(LEGAL_PAGES):
        pages[slug], _ = Page.objects.get_or_create(
            slug=slug,
            defaults={"page_type": page_type, "title": title, "content": content(), "is_published": True,
                      "published_at": timezone.now(), "sort_order": order, "seo_title": title[:70]},
        )
    return pages


def footer_menu_ensure(pages: dict[str, Page]) -> Menu:
    menu, _ = Menu.objects.get_or_create(slug="footer", defaults={"name": "Pied de page"})
    for order, page in enumerate(pages.values()):
        MenuItem.objects.get_or_create(menu=menu, page=page, parent=None,
                                       defaults={"name": page.title, "sort_order": order})
    return menu


@transaction.atomic
def essentials_ensure() -> Essentials:
    SiteSettings.load()
    channel = channel_ensure()
    tax_classes = tax_classes_ensure()
    pages = legal_pages_ensure()
    footer_menu_ensure(pages)
    return Essentials(channel=channel, tax_classes=tax_classes, legal_pages=pages)
