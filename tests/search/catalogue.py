"""A small catalogue of the Pays de Mormal written for the search tests (producers, communes, labels), until the demo
catalogue of backend/demo/ can be loaded instead. Real communes from the territory reference data."""

from tests import factories

# (warehouse / producer name, commune name)
PRODUCERS = {
    "sabliere": ("Ferme de la Sablière", "Maroilles"),
    "val_sambre": ("Fromagerie du Val de Sambre", "Landrecies"),
    "remparts": ("Brasserie des Remparts", "Bavay"),
    "vergers": ("Vergers de Jolimetz", "Jolimetz"),
    "rucher": ("Rucher de la forêt de Mormal", "Locquignol"),
    "delattre": ("Charcuterie Delattre", "Le Quesnoy"),
    "pres": ("Maraîchage des Prés", "Englefontaine"),
    "lefebvre": ("Boulangerie Lefebvre", "Poix-du-Nord"),
    "dubois": ("Ferme avicole Dubois", "Gommegnies"),
    "moulin": ("Moulin de Hon-Hergies", "Hon-Hergies"),
    "chevrerie": ("Chèvrerie des Bois", "Preux-au-Bois"),
    "distillerie": ("Distillerie de Wargnies", "Wargnies-le-Grand"),
}

# (name, category, producer key, labels, description)
PRODUCTS = [
    ("Maroilles AOP fermier", "Fromages", "sabliere", ["AOP"],
     "Fromage à pâte molle et croûte lavée, affiné cinq semaines en cave."),
    ("Mignon de Maroilles", "Fromages", "val_sambre", ["AOP"], "Le petit format du maroilles, pour deux."),
    ("Boulette d'Avesnes", "Fromages", "val_sambre", [], "Fromage épicé au paprika, roulé à la main."),
    ("Vieux-Lille", "Fromages", "val_sambre", [], "Le puant de Lille, affiné longuement en saumure."),
    ("Crottin de chèvre frais", "Fromages", "chevrerie", ["bio"], "Lait cru de nos chèvres, moulé à la louche."),
    ("Tomme de chèvre", "Fromages", "chevrerie", ["bio"], "Tomme à croûte naturelle affinée trois mois."),
    ("Chèvre cendré", "Fromages", "chevrerie", ["bio"], "Chèvre affiné sous cendre de bois."),
    ("Bière ambrée des Remparts", "Bières", "remparts", [], "Bière de garde ambrée, notes de caramel."),
    ("Bière blonde de garde", "Bières", "remparts", [], "Blonde houblonnée, brassée à Bavay."),
    ("Bière brune", "Bières", "remparts", [], "Brune aux malts torréfiés."),
    ("Cidre brut fermier", "Cidres et jus", "vergers", ["bio"], "Cidre des vergers hautes tiges."),
    ("Jus de pomme", "Cidres et jus", "vergers", ["bio"], "Pur jus, pommes du verger pressées à froid."),
    ("Pommes Reinette", "Fruits", "vergers", ["bio"], "Reinette grise du Canada, acidulée."),
    ("Poires Conférence", "Fruits", "vergers", [], "Poires juteuses cueillies à la main."),
    ("Confiture de fraises", "Épicerie sucrée", "vergers", [], "Fraises de pleine terre, sucre de canne."),
    ("Confiture de rhubarbe", "Épicerie sucrée", "vergers", [], "Rhubarbe du jardin, cuite au chaudron."),
    ("Miel de fleurs de la forêt de Mormal", "Épicerie sucrée", "rucher", [], "Miel crémeux toutes fleurs."),
    ("Miel d'acacia", "Épicerie sucrée", "rucher", [], "Miel liquide et doux."),
    ("Pain d'épices au miel", "Épicerie sucrée", "rucher", [], "Pain d'épices moelleux au miel du rucher."),
    ("Pâté de campagne", "Charcuterie", "delattre", ["Label Rouge"], "Pâté de porc fermier au poivre."),
    ("Terrine de lapin", "Charcuterie", "delattre", [], "Terrine de lapin aux herbes."),
    ("Saucisson sec", "Charcuterie", "delattre", [], "Saucisson pur porc séché six semaines."),
    ("Andouillette", "Charcuterie", "delattre", [], "Andouillette de Cambrai, pur porc."),
    ("Rillettes de canard", "Charcuterie", "delattre", [], "Rillettes effilochées à la main."),
    ("Potjevleesch", "Plats cuisinés", "delattre", [], "Quatre viandes en gelée, recette flamande."),
    ("Carbonade flamande", "Plats cuisinés", "delattre", [], "Bœuf mijoté à la bière et au pain d'épices."),
    ("Carottes des sables", "Légumes", "pres", ["bio"], "Carottes douces et croquantes."),
    ("Pommes de terre Bintje", "Légumes", "pres", ["bio"], "Idéales pour les frites."),
    ("Poireaux", "Légumes", "pres", ["bio"], "Poireaux d'hiver de plein champ."),
    ("Chicons", "Légumes", "pres", [], "Endives de pleine terre forcées en couche."),
    ("Tarte au maroilles", "Boulangerie", "lefebvre", [], "Tarte salée au maroilles AOP, à réchauffer."),
    ("Flamiche au maroilles", "Boulangerie", "lefebvre", [], "Pâte levée et maroilles fondant."),
    ("Pain de campagne au levain", "Boulangerie", "lefebvre", ["bio"], "Pain au levain naturel."),
    ("Tarte au sucre", "Boulangerie", "lefebvre", [], "Tarte briochée à la vergeoise."),
    ("Gaufres fourrées à la vergeoise", "Boulangerie", "lefebvre", [], "Gaufres fines fourrées."),
    ("Œufs frais plein air", "Œufs et volailles", "dubois", ["Label Rouge"], "Œufs de poules élevées en plein air."),
    ("Poulet fermier", "Œufs et volailles", "dubois", ["Label Rouge"], "Poulet élevé 110 jours en plein air."),
    ("Farine de blé T65", "Épicerie salée", "moulin", ["bio"], "Farine moulue à la meule de pierre."),
    ("Farine de seigle", "Épicerie salée", "moulin", [], "Farine complète de seigle."),
    ("Genièvre de Wargnies", "Spiritueux", "distillerie", [], "Eau-de-vie de grain aux baies de genièvre."),
    ("Liqueur de framboise", "Spiritueux", "distillerie", [], "Framboises macérées dans l'alcool."),
    ("Yaourt nature au lait entier", "Produits laitiers", "sabliere", [], "Yaourt ferme au lait de la ferme."),
    ("Beurre cru demi-sel", "Produits laitiers", "sabliere", [], "Beurre de baratte au lait cru."),
    ("Crème fraîche épaisse", "Produits laitiers", "sabliere", [], "Crème crue maturée."),
    ("Lait cru entier", "Produits laitiers", "sabliere", [], "Lait du matin, non pasteurisé."),
]


def build_catalogue() -> dict[str, object]:
    """Create the catalogue (products, producers' warehouses, labels) and return the products by name. The search
    index is not computed here: the tests do it through the service, as production code would."""
    from backend.commerce.attribute.models import Attribute, AttributeValue
    from backend.commerce.product.models import AssignedProductAttributeValue, Product
    from backend.commerce.territory.models import Commune
    from backend.commerce.territory.services import communes_load

    communes_load()
    communes = {commune.name: commune for commune in Commune.objects.all()}
    warehouses = {
        key: factories.warehouse(name=name, commune=communes[commune]) for key, (name, commune) in PRODUCERS.items()
    }
    label = Attribute.objects.create(slug="label", name="Label")
    values = {}
    products = {}
    for name, category, producer, labels, description in PRODUCTS:
        product = factories.product(name, category_name=category, wh=warehouses[producer])
        Product.objects.filter(pk=product.pk).update(description_plaintext=description)
        for text in labels:
            if text not in values:
                values[text] = AttributeValue.objects.create(attribute=label, name=text, slug=text.lower())
            AssignedProductAttributeValue.objects.create(product=product, value=values[text])
        products[name] = product
    return products
