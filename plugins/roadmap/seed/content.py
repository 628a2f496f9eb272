"""The text of the "feuille de route numérique du Pays de Mormal": its axes and their projects.

Only the aims are described, as the territory's roadmap states them (issue 6). No date, budget or person's name is
given because none could be sourced. The statuses are indicative demo values: staff set the real ones in the admin,
and the pages say so (ILLUSTRATIVE_NOTE).
"""

from dataclasses import dataclass, field

STATUS_STUDY = "a-l-etude"
STATUS_ONGOING = "en-cours"
STATUS_DONE = "realise"
STATUSES = ((STATUS_STUDY, "À l'étude"), (STATUS_ONGOING, "En cours"), (STATUS_DONE, "Réalisé"))

ILLUSTRATIVE_NOTE = ("Les statuts affichés sont indicatifs (données de démonstration) : les services de la "
                     "Communauté de communes les tiennent à jour.")

# The three bourgs-centres (INSEE): Le Quesnoy, Bavay, Landrecies.
BOURGS_CENTRES = ("59481", "59053", "59331")


@dataclass(frozen=True)
class Project:
    slug: str
    title: str
    status: str
    paragraphs: tuple[str, ...]
    communes: tuple[str, ...] = ()  # INSEE codes; empty means the whole territory


@dataclass(frozen=True)
class Axis:
    key: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    projects: tuple[Project, ...] = field(default_factory=tuple)


AXES: tuple[Axis, ...] = (
    Axis(
        key="accompagnement-des-entreprises",
        title="Accompagner les entreprises",
        summary="Aider les producteurs, artisans et commerçants du territoire à vendre et à se développer grâce au "
                "numérique.",
        paragraphs=(
            "Le numérique peut rapprocher les entreprises du Pays de Mormal de leurs clients, sans les obliger à "
            "passer par les grandes plateformes. Cet axe réunit des outils communs, pensés pour les petites "
            "structures du territoire.",
        ),
        projects=(
            Project("comptoir-de-mormal", "Le Comptoir de Mormal, place de marché des producteurs locaux",
                    STATUS_ONGOING, (
                        "Une place de marché en ligne où les habitants commandent les produits des fermes et des "
                        "artisans du territoire, puis les retirent dans un point de retrait proche de chez eux ou se "
                        "les font livrer.",
                        "Chaque producteur garde la main sur ses produits, ses prix et ses stocks ; les tournées de "
                        "collecte et de livraison sont mutualisées.",
                    )),
            Project("business-plan-numerique", "Un business plan numérique pour les nouvelles entreprises",
                    STATUS_STUDY, (
                        "Un outil en ligne pour aider les personnes qui créent ou reprennent une entreprise sur le "
                        "territoire à construire leur projet pas à pas : étude de marché, prévisionnel, financement.",
                    )),
        ),
    ),
    Axis(
        key="inclusion-numerique",
        title="L'inclusion numérique",
        summary="Que chaque habitant puisse utiliser le numérique au quotidien, quel que soit son âge ou sa commune.",
        paragraphs=(
            "Faire ses démarches, prendre un rendez-vous médical, échanger avec ses proches : le numérique est "
            "devenu incontournable, mais tout le monde n'y est pas à l'aise. Cet axe va vers les habitants, dans "
            "leurs communes.",
        ),
        projects=(
            Project("ateliers-numeriques-dans-les-communes", "Des ateliers numériques dans les communes",
                    STATUS_ONGOING, (
                        "Des ateliers gratuits, en petits groupes, au plus près des habitants : des ateliers ont déjà "
                        "eu lieu dans 35 des communes du territoire.",
                        "Le calendrier des prochains ateliers et l'inscription en ligne sont sur la page des ateliers.",
                    )),
            Project("sante-et-realite-virtuelle", "De nouveaux publics : la santé avec la réalité virtuelle",
                    STATUS_STUDY, (
                        "Toucher de nouveaux publics avec des ateliers autour de la santé, en s'appuyant sur la "
                        "réalité virtuelle pour découvrir les usages du numérique de façon concrète.",
                    )),
            Project("accompagnement-secretaires-de-mairie", "Accompagner les secrétaires de mairie",
                    STATUS_ONGOING, (
                        "Les secrétaires de mairie sont en première ligne face aux démarches dématérialisées. "
                        "Ce projet leur propose un accompagnement pour les outils numériques de la commune et "
                        "pour aider les habitants.",
                    )),
        ),
    ),
    Axis(
        key="tiers-lieux",
        title="Trois tiers-lieux dans les bourgs-centres",
        summary="Des lieux ouverts pour travailler, apprendre et se rencontrer au Quesnoy, à Bavay et à Landrecies.",
        paragraphs=(
            "Un tiers-lieu est un espace partagé : on peut y travailler à distance, se former, être accompagné dans "
            "ses usages du numérique ou monter un projet collectif. La feuille de route en prévoit un dans chacun "
            "des trois bourgs-centres du territoire.",
        ),
        projects=(
            Project("tiers-lieu-le-quesnoy", "Le tiers-lieu du Quesnoy", STATUS_STUDY, (
                "Un espace partagé dans le bourg-centre du Quesnoy, pour le travail à distance, la formation et "
                "l'accompagnement numérique.",
            ), communes=("59481",)),
            Project("tiers-lieu-bavay", "Le tiers-lieu de Bavay", STATUS_STUDY, (
                "Un espace partagé dans le bourg-centre de Bavay, ouvert aux habitants, aux associations et aux "
                "entreprises.",
            ), communes=("59053",)),
            Project("tiers-lieu-landrecies", "Le tiers-lieu de Landrecies", STATUS_STUDY, (
                "Un espace partagé dans le bourg-centre de Landrecies, en lien avec les services publics déjà "
                "présents dans la commune.",
            ), communes=("59331",)),
        ),
    ),
    Axis(
        key="e-administration",
        title="L'e-administration",
        summary="Un seul point d'entrée pour faire ses démarches en ligne auprès des communes et de "
                "l'intercommunalité.",
        paragraphs=(
            "Aujourd'hui, chaque démarche a souvent son propre site. Cet axe vise à simplifier la vie des habitants "
            "en rassemblant les démarches en ligne du territoire.",
        ),
        projects=(
            Project("portail-unique-des-demarches", "Un portail unique pour les démarches en ligne", STATUS_STUDY, (
                "Un portail commun aux communes et à la Communauté de communes, pour trouver et accomplir ses "
                "démarches en ligne au même endroit, avec un accompagnement pour celles et ceux qui en ont besoin.",
            )),
        ),
    ),
    Axis(
        key="culture-patrimoine-tourisme",
        title="Culture, patrimoine et tourisme",
        summary="Faire connaître la richesse culturelle du Pays de Mormal et la rendre accessible à tous.",
        paragraphs=(
            "Bibliothèques, patrimoine, enseignement artistique : le numérique permet de relier les lieux culturels "
            "du territoire et d'en ouvrir les ressources aux habitants comme aux visiteurs.",
        ),
        projects=(
            Project("reseau-des-bibliotheques", "Le réseau des bibliothèques publiques du territoire", STATUS_STUDY, (
                "Mettre en réseau les bibliothèques publiques des communes : un catalogue commun, des services en "
                "ligne et des animations partagées.",
                "La carte des lieux publie les bibliothèques connues de l'Observatoire de la lecture publique.",
            )),
            Project("patrimoine-numerique", "Le patrimoine numérique", STATUS_STUDY, (
                "Numériser et valoriser le patrimoine du territoire pour le faire découvrir en ligne et sur place.",
            )),
            Project("conservatoire-numerique", "Un conservatoire numérique", STATUS_STUDY, (
                "Proposer l'enseignement artistique à distance ou en complément des cours, pour que les habitants "
                "des petites communes y aient accès eux aussi.",
            )),
        ),
    ),
    Axis(
        key="communication",
        title="La communication",
        summary="Faire connaître les services numériques du territoire à ceux qui en ont besoin.",
        paragraphs=(
            "Un service n'est utile que s'il est connu. Cet axe accompagne les autres projets par des campagnes "
            "d'information et des contenus vidéo.",
        ),
        projects=(
            Project("campagnes-de-communication", "Des campagnes de communication", STATUS_STUDY, (
                "Des campagnes d'information dans les communes et en ligne pour présenter les ateliers, les "
                "tiers-lieux et les services numériques du territoire.",
            )),
            Project("videos", "Des vidéos", STATUS_STUDY, (
                "Des vidéos courtes pour expliquer les démarches et présenter les projets de la feuille de route.",
            )),
        ),
    ),
    Axis(
        key="transitions",
        title="Les transitions",
        summary="Mettre le numérique au service de la mobilité, de l'énergie et de la réduction des déchets.",
        paragraphs=(
            "Dans un territoire rural, le numérique peut aider à se déplacer autrement, à mieux maîtriser ses "
            "consommations d'énergie et à réduire ses déchets.",
        ),
        projects=(
            Project("mobilite", "La mobilité", STATUS_STUDY, (
                "Des outils pour faciliter les déplacements sans voiture individuelle : covoiturage, transport à la "
                "demande, information sur les trajets.",
            )),
            Project("energie", "L'énergie", STATUS_STUDY, (
                "Mieux connaître et réduire les consommations d'énergie des bâtiments publics et des ménages.",
            )),
            Project("dechets", "Les déchets", STATUS_STUDY, (
                "Informer les habitants et suivre la collecte pour réduire et mieux trier les déchets.",
            )),
        ),
    ),
    Axis(
        key="cybersecurite",
        title="La cybersécurité",
        summary="Protéger les communes, les entreprises et les habitants face aux risques numériques.",
        paragraphs=(
            "Les petites collectivités et les petites entreprises sont elles aussi la cible d'attaques informatiques. "
            "Cet axe vise à les sensibiliser et à renforcer leurs protections.",
        ),
        projects=(
            Project("sensibilisation-cybersecurite", "Sensibiliser et protéger les communes", STATUS_STUDY, (
                "Sensibiliser les élus, les agents et les habitants aux bons réflexes, et accompagner les communes "
                "dans la protection de leurs données et de leurs outils.",
            )),
        ),
    ),
)


def of_commune(name: str) -> str:
    """French "de" before a commune's name: "du Quesnoy", "d'Englefontaine", "de Bavay", "de Hecq" (h aspiré)."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name[:1].lower() in "aeiouyéèê" and not name.startswith(("La ", "L'")):
        return f"d'{name}"
    return f"de {name}"
