"""Names and trades of the demo producers and the demo pickup points (plain data, all fictional)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProducerKind:
    key: str
    label: str
    count: int
    categories: tuple[str, ...]
    # name patterns, each with the categories it narrows to (None: all of the kind's categories).
    # {place} = "du Pont des Loups", {de_commune} = "de Bavay" / "du Quesnoy", {surname}, {de_firstname}
    patterns: tuple[tuple[str, tuple[str, ...] | None], ...]
    farm: bool = True  # farms may carry the farm labels (bio, HVE, Bienvenue à la ferme, Parc)


PRODUCER_KINDS: tuple[ProducerKind, ...] = (
    ProducerKind("fromagerie", "Fromagerie fermière", 16, ("maroilles", "fromages-de-vache", "cremerie"), (
        ("Fromagerie {place}", None), ("Ferme fromagère {place}", None), ("Ferme {place}", None),
        ("Fromagerie {surname}", None), ("Fromagerie de l'Abbaye", None))),
    ProducerKind("chevrerie", "Chèvrerie", 4, ("fromages-de-chevre",), (
        ("Chèvrerie {place}", None), ("La Chèvrerie {de_commune}", None))),
    ProducerKind("ferme-laitiere", "Ferme laitière", 12, ("cremerie", "fromages-de-vache"), (
        ("Ferme {place}", None), ("GAEC {place}", None), ("Laiterie fermière {place}", None),
        ("Ferme {surname}", None))),
    ProducerKind("eleveur", "Élevage", 16, ("volailles", "boeuf-et-veau", "porc-et-charcuterie"), (
        ("Ferme {place}", None), ("EARL {surname}", None), ("Élevage {place}", None),
        ("Les Volailles {de_commune}", ("volailles",)))),
    ProducerKind("boucherie", "Boucherie-charcuterie", 8, ("boeuf-et-veau", "porc-et-charcuterie"), (
        ("Boucherie {surname}", None), ("Boucherie-charcuterie {surname}", None),
        ("Charcuterie {de_commune}", ("porc-et-charcuterie",))), farm=False),
    ProducerKind("maraicher", "Maraîchage", 18, ("legumes-de-saison", "fruits-de-saison"), (
        ("Les Jardins {place}", None), ("Le Potager {de_firstname}", None), ("Maraîchage {place}", None),
        ("Les Légumes {de_commune}", ("legumes-de-saison",)))),
    ProducerKind("verger", "Vergers et cidrerie", 12, ("fruits-de-saison", "cidres-et-jus", "confitures"), (
        ("Vergers {place}", None), ("Les Vergers {de_commune}", None), ("Cidrerie {place}", ("cidres-et-jus",)))),
    ProducerKind("boulangerie", "Boulangerie", 18, ("pains", "viennoiseries", "tartes-et-patisseries"), (
        ("Boulangerie {surname}", None), ("Au Fournil {de_commune}", None),
        ("Boulangerie-pâtisserie {surname}", None), ("Le Fournil {de_firstname}", None)), farm=False),
    ProducerKind("brasserie", "Brasserie", 9, ("bieres",), (
        ("Brasserie {de_commune}", None), ("Brasserie {place}", None), ("Micro-brasserie {surname}", None)),
        farm=False),
    ProducerKind("rucher", "Apiculture", 9, ("miel",), (
        ("Rucher {place}", None), ("Les Ruchers {de_commune}", None), ("Miellerie {surname}", None))),
    ProducerKind("epicerie", "Moulin et conserverie", 10, ("farines-et-cereales", "confitures"), (
        ("Moulin {place}", ("farines-et-cereales",)), ("Les Confitures {de_firstname}", ("confitures",)),
        ("Conserverie {de_commune}", ("confitures",)), ("Ferme {place}", None))),
    ProducerKind("artisan", "Artisanat", 18, ("bougies-et-savons", "vannerie-et-bois", "ceramique"), (
        ("Atelier {surname}", None), ("Savonnerie {place}", ("bougies-et-savons",)),
        ("Vannerie {surname}", ("vannerie-et-bois",)), ("Poterie {de_commune}", ("ceramique",)),
        ("L'Atelier {de_firstname}", None)), farm=False),
)

PLACES = (
    "du Pont des Loups", "du Bois l'Évêque", "de la Haute Rue", "des Tilleuls", "du Grand Sart", "de la Rhonelle",
    "du Vieux Moulin", "du Chêne Brûlé", "des Prés Hauts", "de la Sambre", "du Marais", "de la Fontaine",
    "des Hêtres", "du Blanc Pignon", "de la Sablière", "du Haut Chemin", "des Étangs", "de la Croix Blanche",
    "du Calvaire", "de la Motte", "des Trois Chênes", "du Petit Bois", "de la Longue Haie", "du Bocage",
    "des Prairies", "du Coq Hardi", "de la Lisière", "du Fourneau", "de la Cense", "des Courtils", "du Pavé",
    "de l'Écaillon", "de la Petite Helpe", "des Bouleaux", "du Gros Chêne", "de la Houppe", "des Ormes",
    "du Quesnoy-Vert", "de la Garenne", "des Saules",
)
SURNAMES = (
    "Dupont", "Lefebvre", "Leroy", "Delattre", "Dufour", "Lemaire", "Leclercq", "Wattiez", "Dubois", "Mercier",
    "Desmoulins", "Carlier", "Vandamme", "Delcroix", "Dhainaut", "Lebrun", "Lecomte", "Dumont", "Gosselin",
    "Cuvelier", "Deramaux", "Bultez", "Hennebert", "Vasseur", "Lhermitte", "Fievet", "Roland", "Delhaye",
    "Bernard", "Petit", "Lenoir", "Caudron", "Decaudin", "Lesne", "Moreau",
)
FIRSTNAMES = (
    "Marie", "Julien", "Camille", "Thomas", "Élodie", "Nicolas", "Pauline", "Antoine", "Léa", "Maxime", "Sophie",
    "Benoît", "Claire", "Hugo", "Mathilde", "Romain", "Justine", "Pierre", "Aurélie", "Vincent",
)
STREETS = (
    "rue de la Gare", "rue du Général de Gaulle", "rue Jean Jaurès", "chemin des Prés", "rue de l'Église",
    "route de Bavay", "rue du Moulin", "chemin de la Cense", "rue Principale", "rue des Écoles", "rue de la Forêt",
    "chemin du Bois", "rue Victor Hugo", "rue de Mons", "route du Quesnoy", "rue Pasteur", "rue du Marais",
    "chemin vert", "rue de Landrecies", "place de la Mairie",
)

# Pickup points. The three bourgs-centres' main points take orders from every producer ("all"); the relay points
# in villages hand over what is already there ("local"). Hours: day 0 = Monday.
MAIN_PICKUP_POINTS = (
    ("59481", "Point de retrait du Quesnoy — tiers-lieu", "place du Général Leclerc"),
    ("59053", "Point de retrait de Bavay — tiers-lieu", "rue des Juifs"),
    ("59331", "Point de retrait de Landrecies — tiers-lieu", "rue Jules Ferry"),
)
RELAY_PICKUP_POINTS = (
    ("59265", "Relais de Gommegnies — épicerie du village", "place du Général de Gaulle"),
    ("59381", "Relais de Maresches — café de la Place", "contour du Trieux"),
    ("59099", "Relais de Bousies — boulangerie", "rue de l'Égalité"),
    ("59325", "Relais de Jolimetz — mairie", "rue Coulon"),
    ("59310", "Relais d'Hon-Hergies — salle des fêtes", "rue Gaston Genarte"),
)
MAIN_POINT_HOURS = [{"day": day, "open": "16:00", "close": "19:00"} for day in (1, 2, 3, 4)] + [
    {"day": 5, "open": "09:00", "close": "12:30"}]
RELAY_POINT_HOURS = [{"day": 2, "open": "17:00", "close": "19:00"}, {"day": 4, "open": "17:00", "close": "19:00"},
                     {"day": 5, "open": "10:00", "close": "12:00"}]
