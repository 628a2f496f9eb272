"""`translation(languageCode)` for every translatable catalogue type.

French is the language the catalogue is written in: asking for FR (or FR_BE, FR_FR...) answers the base text itself,
shaped as a translation. Any other language answers the stored translation row, or null when there is none.
Rows are matched whatever the spelling the admin used for the code ("en", "EN", "en-US", "en_us").
"""

from types import SimpleNamespace

from django.utils.translation import get_language_info

from backend.api.core.dataloaders import DataLoader
from backend.api.core.types import LanguageDisplay

LANGUAGE_NAMES = {"FR": "français", "EN": "English", "NL": "Nederlands", "DE": "Deutsch"}


def language_code_name(language_code) -> str:
    """The enum member name ("EN_US") whether graphene handed us the member or its name."""
    return str(getattr(language_code, "name", language_code) or "").upper()


def is_french(language_code) -> bool:
    code = language_code_name(language_code)
    return code == "FR" or code.startswith("FR_")


def language_candidates(language_code) -> tuple[str, ...]:
    code = language_code_name(language_code)
    lower = code.lower()
    head, _, tail = lower.partition("_")
    hyphen_upper = f"{head}-{tail.upper()}" if tail else head
    return tuple(dict.fromkeys([code, lower, lower.replace("_", "-"), hyphen_upper, code.replace("_", "-")]))


def normalized(code: str) -> str:
    return (code or "").replace("-", "_").upper()


def language_display(language_code) -> LanguageDisplay:
    code = language_code_name(language_code)
    name = LANGUAGE_NAMES.get(code)
    if name is None:
        try:
            name = get_language_info(code.lower().replace("_", "-"))["name_local"]
        except KeyError:
            name = code
    return LanguageDisplay(code=code, language=name)


def base_text_translation(obj, language_code, **fields) -> SimpleNamespace:
    """The French base text of `obj`, answered as a translation object (id "fr-<pk>")."""
    pk = f"{language_code_name(language_code).lower()}-{obj.pk}"
    return SimpleNamespace(pk=pk, id=pk, language_code=language_code_name(language_code), **fields)


class TranslationLoader(DataLoader):
    """Keys: (object pk, language code name). Values: the stored translation row or None."""

    model = None
    fk_field = ""

    def batch_load(self, keys):
        object_ids = {pk for pk, _ in keys}
        codes = {candidate for _, code in keys for candidate in language_candidates(code)}
        rows = self.model.objects.filter(**{f"{self.fk_field}_id__in": object_ids, "language_code__in": codes})
        found = {(getattr(row, f"{self.fk_field}_id"), normalized(row.language_code)): row for row in rows}
        return [found.get((pk, normalized(code))) for pk, code in keys]


def load_translation(loader_class, info, obj, language_code, base_fields: dict):
    """A translation for `obj`: the base text for French, else the stored row (a future) or None."""
    if is_french(language_code):
        return base_text_translation(obj, language_code, **base_fields)
    return loader_class(info.context).load((obj.pk, language_code_name(language_code)))
