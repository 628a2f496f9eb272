"""The shape of the demo catalogue: categories, product types, attributes and the product templates producers draw
from. Plain data; prices are TTC in euros, weights in kg. Specialities of the Avesnois are real (Maroilles and its
formats, Vieux-Lille, Boulette d'Avesnes, Dauphin, tarte à gros bords, Bleue du Nord cattle, Gris Baudet apples)."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: str
    parent: str | None
    colour: str  # background of the placeholder images of its products (root categories only)
    description: str = ""


@dataclass(frozen=True)
class VariantSpec:
    name: str
    weight: Decimal
    price: Decimal


@dataclass(frozen=True)
class ProductTemplate:
    category: str
    product_type: str
    name: str  # may hold "{q}", replaced by each qualifier
    variants: tuple[VariantSpec, ...]
    qualifiers: tuple[str, ...] = ("",)
    labels: tuple[str, ...] = ()  # labels a producer's product may carry (when the producer has them)
    required_labels: tuple[str, ...] = ()
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # attribute slug -> possible values


def v(name: str, weight: str, price: str) -> VariantSpec:
    return VariantSpec(name, Decimal(weight), Decimal(price))


CATEGORIES = [
    CategorySpec("fromages", "Fromages", None, "#D9A520", "Les fromages des fermes de l'Avesnois."),
    CategorySpec("maroilles", "Maroilles", "fromages", "", "Le Maroilles AOP et ses cousins à croûte lavée."),
    CategorySpec("fromages-de-vache", "Fromages de vache", "fromages", ""),
    CategorySpec("fromages-de-chevre", "Fromages de chèvre", "fromages", ""),
    CategorySpec("cremerie", "Crèmerie", None, "#C9B27C", "Yaourts, beurre, crème, lait et œufs de la ferme."),
    CategorySpec("viandes-et-charcuterie", "Viandes et charcuterie", None, "#A23B3B"),
    CategorySpec("volailles", "Volailles", "viandes-et-charcuterie", ""),
    CategorySpec("boeuf-et-veau", "Bœuf et veau", "viandes-et-charcuterie", ""),
    CategorySpec("porc-et-charcuterie", "Porc et charcuterie", "viandes-et-charcuterie", ""),
    CategorySpec("fruits-et-legumes", "Fruits et légumes", None, "#4F7F3A", "Fruits et légumes de saison."),
    CategorySpec("legumes-de-saison", "Légumes de saison", "fruits-et-legumes", ""),
    CategorySpec("fruits-de-saison", "Fruits de saison", "fruits-et-legumes", ""),
    CategorySpec("pain-et-viennoiseries", "Pain et viennoiseries", None, "#B07436"),
    CategorySpec("pains", "Pains", "pain-et-viennoiseries", ""),
    CategorySpec("viennoiseries", "Viennoiseries", "pain-et-viennoiseries", ""),
    CategorySpec("tartes-et-patisseries", "Tartes et pâtisseries", "pain-et-viennoiseries", ""),
    CategorySpec("bieres-et-cidres", "Bières et cidres", None, "#7A4A1E"),
    CategorySpec("bieres", "Bières", "bieres-et-cidres", ""),
    CategorySpec("cidres-et-jus", "Cidres et jus", "bieres-et-cidres", ""),
    CategorySpec("epicerie", "Épicerie", None, "#9C5B2E", "Miel, confitures, farines et huiles du territoire."),
    CategorySpec("miel", "Miel", "epicerie", ""),
    CategorySpec("confitures", "Confitures et compotes", "epicerie", ""),
    CategorySpec("farines-et-cereales", "Farines et céréales", "epicerie", ""),
    CategorySpec("artisanat", "Artisanat", None, "#3F6296", "Savons, bougies, vannerie, bois et céramique."),
    CategorySpec("bougies-et-savons", "Bougies et savons", "artisanat", ""),
    CategorySpec("vannerie-et-bois", "Vannerie et bois", "artisanat", ""),
    CategorySpec("ceramique", "Céramique", "artisanat", ""),
]

# key -> (name, tax class key of backend.demo.essentials.TAX_CLASSES, product attributes, variant attributes)
PRODUCT_TYPES: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "fromage": ("Fromage", "food", ("label", "type-de-lait", "affinage", "origine"), ("conditionnement",)),
    "laitier": ("Produit laitier", "food", ("label", "origine"), ("conditionnement",)),
    "viande": ("Viande et charcuterie", "food", ("label", "origine"), ("conditionnement",)),
    "primeur": ("Fruits et légumes", "food", ("label", "origine"), ("conditionnement",)),
    "boulangerie": ("Boulangerie", "food", ("label", "origine"), ("conditionnement",)),
    "epicerie": ("Épicerie", "food", ("label", "origine"), ("conditionnement",)),
    "boisson": ("Jus et boissons sans alcool", "food", ("label", "origine"), ("conditionnement",)),
    "a-emporter": ("Vente à emporter", "intermediate", ("origine",), ("conditionnement",)),
    "biere": ("Bière", "standard", ("label", "couleur-de-biere", "origine"), ("conditionnement",)),
    "cidre": ("Cidre et poiré", "standard", ("label", "origine"), ("conditionnement",)),
    "artisanat": ("Artisanat", "standard", ("matiere", "origine"), ("conditionnement",)),
}

# slug -> (name, input type, values); "origine" takes its values from the communes of the producers,
# "conditionnement" from the variant names.
ATTRIBUTES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "label": ("Label", "multiselect", ("Agriculture biologique", "AOP Maroilles", "Haute valeur environnementale",
                                       "Bienvenue à la ferme", "Valeurs Parc naturel régional de l'Avesnois")),
    "type-de-lait": ("Type de lait", "dropdown", ("Lait cru de vache", "Lait pasteurisé de vache",
                                                   "Lait cru de chèvre")),
    "affinage": ("Affinage", "dropdown", ("Frais", "5 semaines", "2 à 3 mois", "4 mois et plus")),
    "couleur-de-biere": ("Couleur de la bière", "dropdown", ("Blonde", "Ambrée", "Brune", "Blanche", "Triple")),
    "matiere": ("Matière", "dropdown", ("Cire d'abeille", "Savon saponifié à froid", "Osier", "Chêne", "Grès")),
    "origine": ("Origine", "dropdown", ()),
    "conditionnement": ("Conditionnement", "dropdown", ()),
}
LABEL_BIO, LABEL_AOP, LABEL_HVE = "Agriculture biologique", "AOP Maroilles", "Haute valeur environnementale"
LABEL_FERME, LABEL_PARC = "Bienvenue à la ferme", "Valeurs Parc naturel régional de l'Avesnois"
FARM_LABELS = (LABEL_BIO, LABEL_HVE, LABEL_FERME, LABEL_PARC)

MAROILLES_FORMATS = (v("Quart (180 g)", "0.18", "4.20"), v("Mignon (360 g)", "0.36", "7.90"),
                     v("Sorbais (540 g)", "0.54", "10.90"), v("Maroilles (720 g)", "0.72", "13.50"))
COW_MILK = {"type-de-lait": ("Lait cru de vache", "Lait pasteurisé de vache")}
T = ProductTemplate

TEMPLATES: tuple[ProductTemplate, ...] = (
    # Fromages
    T("maroilles", "fromage", "Maroilles AOP fermier", MAROILLES_FORMATS, labels=FARM_LABELS,
      required_labels=(LABEL_AOP,), attributes={"type-de-lait": ("Lait cru de vache",), "affinage": ("5 semaines",)}),
    T("maroilles", "fromage", "Maroilles AOP {q}", MAROILLES_FORMATS, ("affiné", "bien fait", "de caractère"),
      FARM_LABELS, (LABEL_AOP,), {"type-de-lait": ("Lait cru de vache",), "affinage": ("2 à 3 mois",)}),
    T("maroilles", "fromage", "Vieux-Lille", (v("300 g", "0.30", "6.50"), v("600 g", "0.60", "11.90")),
      labels=FARM_LABELS, attributes={**COW_MILK, "affinage": ("2 à 3 mois", "4 mois et plus")}),
    T("maroilles", "fromage", "Boulette d'Avesnes", (v("Pièce (200 g)", "0.20", "4.80"),), labels=FARM_LABELS,
      attributes={**COW_MILK, "affinage": ("2 à 3 mois",)}),
    T("maroilles", "fromage", "Dauphin", (v("Pièce (300 g)", "0.30", "6.20"),), labels=FARM_LABELS,
      attributes={**COW_MILK, "affinage": ("5 semaines",)}),
    T("maroilles", "fromage", "Cœur d'Avesnes", (v("Pièce (300 g)", "0.30", "5.90"),), labels=FARM_LABELS,
      attributes={**COW_MILK, "affinage": ("5 semaines",)}),
    T("fromages-de-vache", "fromage", "Tomme de Mormal {q}",
      (v("250 g", "0.25", "4.90"), v("500 g", "0.50", "9.40"), v("1 kg", "1.00", "18.00")),
      ("nature", "au cumin", "aux orties", "à l'ail des ours"), FARM_LABELS,
      attributes={**COW_MILK, "affinage": ("2 à 3 mois", "4 mois et plus")}),
    T("fromages-de-vache", "fromage", "Fromage frais fermier {q}", (v("200 g", "0.20", "3.20"),),
      ("nature", "ail et fines herbes", "à l'échalote", "au poivre"), FARM_LABELS,
      attributes={**COW_MILK, "affinage": ("Frais",)}),
    T("fromages-de-vache", "fromage", "Raclette fermière", (v("500 g", "0.50", "9.90"), v("1 kg", "1.00", "18.90")),
      labels=FARM_LABELS, attributes={**COW_MILK, "affinage": ("2 à 3 mois",)}),
    T("fromages-de-vache", "fromage", "Tomme affinée à la bière", (v("300 g", "0.30", "6.40"),),
      labels=FARM_LABELS, attributes={**COW_MILK, "affinage": ("2 à 3 mois",)}),
    T("fromages-de-chevre", "fromage", "Crottin de chèvre {q}",
      (v("Pièce (60 g)", "0.06", "2.20"), v("Lot de 4", "0.24", "8.20")), ("frais", "demi-sec", "sec"),
      FARM_LABELS, attributes={"type-de-lait": ("Lait cru de chèvre",), "affinage": ("Frais", "5 semaines")}),
    T("fromages-de-chevre", "fromage", "Bûche de chèvre cendrée", (v("150 g", "0.15", "4.60"),), labels=FARM_LABELS,
      attributes={"type-de-lait": ("Lait cru de chèvre",), "affinage": ("5 semaines",)}),
    T("fromages-de-chevre", "fromage", "Tomme de chèvre", (v("250 g", "0.25", "6.90"),), labels=FARM_LABELS,
      attributes={"type-de-lait": ("Lait cru de chèvre",), "affinage": ("2 à 3 mois",)}),
    # Crèmerie
    T("cremerie", "laitier", "Yaourt fermier {q}", (v("Pot de 125 g", "0.125", "0.80"), v("Lot de 4 pots", "0.50",
      "3.00")), ("nature", "à la vanille", "à la fraise", "à la rhubarbe", "au spéculoos"), FARM_LABELS),
    T("cremerie", "laitier", "Beurre fermier {q}", (v("250 g", "0.25", "3.60"), v("500 g", "0.50", "6.90")),
      ("doux", "demi-sel", "au sel de Guérande"), FARM_LABELS),
    T("cremerie", "laitier", "Crème fraîche épaisse", (v("25 cl", "0.25", "3.10"), v("50 cl", "0.50", "5.60")),
      labels=FARM_LABELS),
    T("cremerie", "laitier", "Lait cru entier", (v("Bouteille de 1 L", "1.03", "1.30"),), labels=FARM_LABELS),
    T("cremerie", "laitier", "Fromage blanc fermier", (v("500 g", "0.50", "3.40"), v("1 kg", "1.00", "6.20")),
      labels=FARM_LABELS),
    T("cremerie", "laitier", "Riz au lait", (v("Pot de 150 g", "0.15", "1.80"), v("Lot de 4 pots", "0.60", "6.80")),
      labels=FARM_LABELS),
    T("cremerie", "laitier", "Œufs de poules plein air", (v("Boîte de 6", "0.36", "2.60"),
      v("Boîte de 12", "0.72", "4.90"), v("Plateau de 30", "1.80", "11.50")), labels=FARM_LABELS),
    T("cremerie", "laitier", "Lait ribot", (v("Bouteille de 1 L", "1.03", "1.90"),), labels=FARM_LABELS),
    # Viandes et charcuterie
    T("volailles", "viande", "Poulet fermier", (v("Pièce (env. 1,8 kg)", "1.80", "17.90"),
      v("Pièce (env. 2,2 kg)", "2.20", "21.50")), labels=FARM_LABELS),
    T("volailles", "viande", "Pintade fermière", (v("Pièce (env. 1,4 kg)", "1.40", "16.50"),), labels=FARM_LABELS),
    T("volailles", "viande", "Cuisses de poulet fermier", (v("Barquette de 2 (600 g)", "0.60", "8.40"),),
      labels=FARM_LABELS),
    T("volailles", "viande", "Filets de poulet fermier", (v("400 g", "0.40", "9.80"),), labels=FARM_LABELS),
    T("volailles", "viande", "Canard fermier", (v("Pièce (env. 2,5 kg)", "2.50", "27.50"),), labels=FARM_LABELS),
    T("boeuf-et-veau", "viande", "Colis de bœuf {q}", (v("Colis de 5 kg", "5.00", "79.00"),
      v("Colis de 10 kg", "10.00", "149.00")), ("Bleue du Nord", "Rouge flamande", "Blonde d'Aquitaine"),
      FARM_LABELS),
    T("boeuf-et-veau", "viande", "Steaks hachés de bœuf", (v("Barquette de 4 (500 g)", "0.50", "8.90"),),
      labels=FARM_LABELS),
    T("boeuf-et-veau", "viande", "Entrecôte de bœuf", (v("300 g", "0.30", "9.80"), v("600 g", "0.60", "18.90")),
      labels=FARM_LABELS),
    T("boeuf-et-veau", "viande", "Rôti de veau", (v("1 kg", "1.00", "27.00"),), labels=FARM_LABELS),
    T("boeuf-et-veau", "viande", "Bœuf à carbonade", (v("1 kg", "1.00", "16.90"),), labels=FARM_LABELS),
    T("porc-et-charcuterie", "viande", "Saucisses fumées", (v("Lot de 4 (500 g)", "0.50", "7.90"),),
      labels=FARM_LABELS),
    T("porc-et-charcuterie", "viande", "Potjevleesch", (v("Bocal de 350 g", "0.35", "7.40"),
      v("Bocal de 700 g", "0.70", "13.50")), labels=FARM_LABELS),
    T("porc-et-charcuterie", "viande", "Pâté de campagne {q}", (v("Bocal de 180 g", "0.18", "4.60"),),
      ("nature", "au maroilles", "au genièvre"), FARM_LABELS),
    T("porc-et-charcuterie", "viande", "Jambon blanc à l'os", (v("4 tranches (200 g)", "0.20", "6.20"),),
      labels=FARM_LABELS),
    T("porc-et-charcuterie", "viande", "Rillettes de porc", (v("Pot de 200 g", "0.20", "4.20"),), labels=FARM_LABELS),
    T("porc-et-charcuterie", "viande", "Colis de porc", (v("Colis de 5 kg", "5.00", "55.00"),), labels=FARM_LABELS),
    # Fruits et légumes (de saison: l'automne et l'hiver)
    T("fruits-de-saison", "primeur", "Pommes {q}", (v("1 kg", "1.00", "2.80"), v("Cagette de 5 kg", "5.00", "12.50")),
      ("Reinette des Capucins", "Gris Baudet", "Cabarette", "Belle de Boskoop", "Jonagold"), FARM_LABELS),
    T("fruits-de-saison", "primeur", "Poires {q}", (v("1 kg", "1.00", "3.40"), v("3 kg", "3.00", "9.50")),
      ("Conférence", "Comice", "Saint-Mathieu", "Légipont"), FARM_LABELS),
    T("fruits-de-saison", "primeur", "Noix fraîches", (v("500 g", "0.50", "5.50"),), labels=FARM_LABELS),
    T("fruits-de-saison", "primeur", "Coings", (v("1 kg", "1.00", "3.80"),), labels=FARM_LABELS),
    T("legumes-de-saison", "primeur", "Pommes de terre {q}", (v("2,5 kg", "2.50", "3.90"), v("10 kg", "10.00",
      "12.50")), ("Bintje", "Charlotte", "Agata", "Amandine"), FARM_LABELS),
    T("legumes-de-saison", "primeur", "Endives de pleine terre", (v("500 g", "0.50", "2.30"),
      v("1 kg", "1.00", "4.20")), labels=FARM_LABELS),
    T("legumes-de-saison", "primeur", "Poireaux", (v("Botte de 1 kg", "1.00", "2.80"),), labels=FARM_LABELS),
    T("legumes-de-saison", "primeur", "Carottes {q}", (v("1 kg", "1.00", "1.90"),), ("orange", "jaunes", "violettes"),
      FARM_LABELS),
    T("legumes-de-saison", "primeur", "Potimarron", (v("Pièce (env. 1,2 kg)", "1.20", "2.80"),), labels=FARM_LABELS),
    T("legumes-de-saison", "primeur", "Chou {q}", (v("Pièce (env. 1 kg)", "1.00", "2.20"),),
      ("vert frisé", "rouge", "blanc", "de Bruxelles"), FARM_LABELS),
    T("legumes-de-saison", "primeur", "Betteraves rouges cuites", (v("500 g", "0.50", "2.40"),), labels=FARM_LABELS),
    T("legumes-de-saison", "primeur", "Panier de légumes de saison", (v("Petit panier (3 kg)", "3.00", "12.00"),
      v("Grand panier (6 kg)", "6.00", "22.00")), labels=FARM_LABELS),
    T("legumes-de-saison", "primeur", "{q}", (v("500 g", "0.50", "2.60"), v("1 kg", "1.00", "4.60")),
      ("Oignons jaunes", "Échalotes", "Navets", "Panais", "Mâche", "Céleri-rave"), FARM_LABELS),
    # Pain et viennoiseries
    T("pains", "boulangerie", "Pain de campagne au levain", (v("500 g", "0.50", "3.20"), v("1 kg", "1.00", "5.90")),
      labels=(LABEL_BIO,)),
    T("pains", "boulangerie", "Baguette de tradition", (v("Pièce (250 g)", "0.25", "1.30"),)),
    T("pains", "boulangerie", "Pain {q}", (v("500 g", "0.50", "3.40"),),
      ("complet", "aux céréales", "de seigle", "aux noix", "d'épeautre"), (LABEL_BIO,)),
    T("viennoiseries", "boulangerie", "Croissants au beurre", (v("Lot de 4", "0.24", "4.60"),)),
    T("viennoiseries", "boulangerie", "Pains au chocolat", (v("Lot de 4", "0.28", "5.20"),)),
    T("viennoiseries", "boulangerie", "Cramique aux raisins", (v("Pièce (500 g)", "0.50", "6.50"),)),
    T("viennoiseries", "boulangerie", "Craquelin au sucre", (v("Pièce (400 g)", "0.40", "5.80"),)),
    T("viennoiseries", "boulangerie", "Brioche {q}", (v("Pièce (400 g)", "0.40", "5.40"),),
      ("nature", "au sucre perlé", "aux pépites de chocolat")),
    T("tartes-et-patisseries", "boulangerie", "Tarte au maroilles", (v("Pour 4 personnes", "0.60", "11.50"),
      v("Pour 6 personnes", "0.90", "16.50"))),
    T("tartes-et-patisseries", "boulangerie", "Flamiche au maroilles", (v("Pour 4 personnes", "0.60", "12.50"),)),
    T("tartes-et-patisseries", "boulangerie", "Tarte au sucre", (v("Pour 6 personnes", "0.50", "9.50"),)),
    T("tartes-et-patisseries", "boulangerie", "Tarte à gros bords", (v("Pour 6 personnes", "0.70", "10.50"),)),
    T("tartes-et-patisseries", "boulangerie", "Tarte aux pommes", (v("Pour 6 personnes", "0.70", "12.00"),)),
    T("tartes-et-patisseries", "boulangerie", "Gaufres fourrées à la vergeoise", (v("Boîte de 6", "0.30", "7.20"),)),
    T("tartes-et-patisseries", "a-emporter", "Part de tarte au maroilles chaude", (v("Part", "0.20", "3.80"),)),
    T("tartes-et-patisseries", "a-emporter", "Sandwich maroilles et jambon", (v("Pièce", "0.25", "4.90"),)),
    # Bières et cidres
    T("bieres", "biere", "Bière {q}", (v("33 cl", "0.55", "2.60"), v("75 cl", "1.25", "5.40"),
      v("Coffret 6 × 33 cl", "3.40", "15.00")), ("blonde", "ambrée", "brune", "blanche", "triple", "de Noël"),
      (LABEL_BIO, LABEL_PARC)),
    T("bieres", "biere", "Bière au houblon de l'Avesnois", (v("33 cl", "0.55", "2.90"),), labels=(LABEL_BIO,)),
    T("cidres-et-jus", "cidre", "Cidre fermier {q}", (v("75 cl", "1.30", "4.50"),), ("brut", "demi-sec", "doux"),
      FARM_LABELS),
    T("cidres-et-jus", "cidre", "Poiré fermier", (v("75 cl", "1.30", "5.20"),), labels=FARM_LABELS),
    T("cidres-et-jus", "boisson", "Jus {q}", (v("1 L", "1.60", "2.90"), v("Bag-in-box 3 L", "3.20", "7.90")),
      ("de pomme fermier", "pomme-poire", "pomme-rhubarbe", "de pomme pétillant"), FARM_LABELS),
    # Épicerie
    T("miel", "epicerie", "Miel {q}", (v("Pot de 250 g", "0.40", "5.50"), v("Pot de 500 g", "0.70", "9.50"),
      v("Pot de 1 kg", "1.30", "17.00")), ("de fleurs", "de la forêt de Mormal", "de tilleul", "crémeux de printemps",
      "de châtaignier"), (LABEL_BIO, LABEL_PARC)),
    T("miel", "epicerie", "Pain d'épices au miel", (v("400 g", "0.40", "6.80"),), labels=(LABEL_BIO,)),
    T("confitures", "epicerie", "Confiture {q}", (v("Pot de 220 g", "0.35", "4.40"), v("Pot de 370 g", "0.55",
      "6.20")), ("de fraises", "de rhubarbe", "de groseilles", "de mirabelles", "pomme-cannelle", "de lait"),
      FARM_LABELS),
    T("confitures", "epicerie", "Compote de pommes", (v("Bocal de 500 g", "0.75", "4.20"),), labels=FARM_LABELS),
    T("confitures", "epicerie", "Gelée de pommes", (v("Pot de 250 g", "0.40", "3.90"),), labels=FARM_LABELS),
    T("farines-et-cereales", "epicerie", "Farine de blé {q}", (v("Sachet de 1 kg", "1.00", "2.20"),
      v("Sac de 5 kg", "5.00", "9.50")), ("T65", "T80", "T110"), (LABEL_BIO, LABEL_HVE)),
    T("farines-et-cereales", "epicerie", "Farine de seigle", (v("Sachet de 1 kg", "1.00", "2.60"),),
      labels=(LABEL_BIO,)),
    T("farines-et-cereales", "epicerie", "Flocons d'avoine", (v("500 g", "0.50", "2.60"),), labels=(LABEL_BIO,)),
    T("farines-et-cereales", "epicerie", "Huile de colza vierge", (v("Bouteille de 50 cl", "0.80", "4.90"),),
      labels=(LABEL_BIO, LABEL_HVE)),
    T("farines-et-cereales", "epicerie", "Moutarde à la bière", (v("Pot de 200 g", "0.30", "3.90"),)),
    # Artisanat
    T("bougies-et-savons", "artisanat", "Savon artisanal {q}", (v("Pain de 100 g", "0.10", "5.50"),),
      ("au lait de chèvre", "au miel", "à la bière", "au lait de vache", "à l'ortie"),
      attributes={"matiere": ("Savon saponifié à froid",)}),
    T("bougies-et-savons", "artisanat", "Bougie en cire d'abeille {q}", (v("Pièce", "0.15", "8.50"),
      v("Lot de 3", "0.45", "22.00")), ("", "parfumée au tilleul"), attributes={"matiere": ("Cire d'abeille",)}),
    T("vannerie-et-bois", "artisanat", "Panier en osier {q}", (v("Petit modèle", "0.40", "28.00"),
      v("Grand modèle", "0.80", "45.00")), ("de marché", "à bûches", "à pique-nique"),
      attributes={"matiere": ("Osier",)}),
    T("vannerie-et-bois", "artisanat", "Planche à découper en chêne", (v("Pièce", "0.80", "32.00"),),
      attributes={"matiere": ("Chêne",)}),
    T("vannerie-et-bois", "artisanat", "Bol en bois tourné", (v("Pièce", "0.30", "24.00"),),
      attributes={"matiere": ("Chêne",)}),
    T("vannerie-et-bois", "artisanat", "Nichoir à mésanges", (v("Pièce", "0.60", "19.00"),),
      attributes={"matiere": ("Chêne",)}),
    T("ceramique", "artisanat", "{q} en grès émaillé", (v("Pièce", "0.35", "18.00"),),
      ("Bol", "Tasse", "Assiette", "Pichet"), attributes={"matiere": ("Grès",)}),
    T("ceramique", "artisanat", "Cloche à fromage en grès", (v("Pièce", "1.20", "39.00"),),
      attributes={"matiere": ("Grès",)}),
    T("ceramique", "artisanat", "Vase en céramique", (v("Pièce", "0.80", "34.00"),), attributes={"matiere": ("Grès",)}),
)

COLLECTIONS = [
    ("la-selection-de-la-semaine", "La sélection de la semaine", "Les coups de cœur de l'équipe du Comptoir."),
    ("de-saison", "De saison", "Fruits, légumes et produits qui sont à leur meilleur en ce moment."),
    ("nouveautes", "Nouveautés", "Les derniers produits arrivés au Comptoir."),
]
# Categories whose products may go into "De saison".
SEASONAL_CATEGORIES = {"fruits-de-saison", "legumes-de-saison", "cidres-et-jus", "miel"}
