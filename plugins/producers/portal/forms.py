"""The portal's forms: French labels and messages; numbers typed the French way ("1 234,50")."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from backend.commerce.product.models import Category
from backend.commerce.tax.models import TaxClass
from plugins.producers.models import ProducerLabel
from plugins.producers.portal.decimals import parse_french_decimal

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class FrenchDecimalField(forms.CharField):
    def __init__(self, *, min_value=None, max_value=None, places=2, **kwargs):
        self.min_value, self.max_value, self.places = min_value, max_value, places
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            number = parse_french_decimal(text)
        except ValueError:
            raise ValidationError(f"« {text} » n'est pas un nombre (exemple : 1 234,50).") from None
        if number.as_tuple().exponent < -self.places:
            raise ValidationError(f"Indiquez au plus {self.places} décimales.")
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(f"La valeur doit être au moins {self.min_value}.".replace(".", ","))
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(f"La valeur doit être au plus {self.max_value}.".replace(".", ","))
        return number


class LoginForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail", error_messages={"required": "Indiquez votre adresse e-mail.",
                                                                     "invalid": "Adresse e-mail invalide."})
    password = forms.CharField(label="Mot de passe", widget=forms.PasswordInput,
                               error_messages={"required": "Indiquez votre mot de passe."})


class SetPasswordForm(forms.Form):
    password = forms.CharField(label="Mot de passe (8 caractères au moins)", widget=forms.PasswordInput)
    password_again = forms.CharField(label="Le même mot de passe, une seconde fois", widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise ValidationError("Les deux mots de passe ne sont pas identiques.")
        return data


class ProductForm(forms.Form):
    name = forms.CharField(label="Nom du produit", max_length=250,
                           error_messages={"required": "Le nom du produit est obligatoire."})
    description = forms.CharField(label="Présentation", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ModelChoiceField(label="Catégorie", queryset=Category.objects.all(), required=False,
                                      empty_label="— sans catégorie —")
    sku = forms.CharField(label="Référence (SKU)", max_length=255, required=False)
    price = FrenchDecimalField(label="Prix TTC (€)", min_value=Decimal("0.01"), max_value=Decimal("100000"),
                               error_messages={"required": "Le prix TTC est obligatoire."})
    weight = FrenchDecimalField(label="Poids (kg)", required=False, min_value=Decimal("0"), places=3,
                                max_value=Decimal("9999"))
    tax_class = forms.ModelChoiceField(label="TVA", queryset=TaxClass.objects.all(), required=False,
                                       empty_label="— taux du type de produit —")
    stock = forms.IntegerField(label="Stock", min_value=0, required=False,
                               error_messages={"min_value": "Le stock ne peut pas être négatif.",
                                               "invalid": "Le stock doit être un nombre entier."})
    published = forms.BooleanField(label="En vente sur le Comptoir", required=False)
    photo = forms.FileField(label="Photo (JPEG, PNG ou WebP, 5 Mo au plus)", required=False)

    def clean_photo(self):
        return check_photo(self.cleaned_data.get("photo"))


def check_photo(upload):
    """The type comes from the content (Pillow), never from the name: a text file named .jpg is refused."""
    if not upload:
        return None
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError("La photo dépasse 5 Mo : réduisez-la avant de l'envoyer.")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("Ce fichier n'est pas une image.") from None
    finally:
        upload.seek(0)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError("Envoyez une photo JPEG, PNG ou WebP.")
    return upload


class StockForm(forms.Form):
    quantity = forms.IntegerField(label="Stock", min_value=0,
                                  error_messages={"min_value": "Le stock ne peut pas être négatif.",
                                                  "invalid": "Le stock doit être un nombre entier.",
                                                  "required": "Indiquez le stock."})


class ImportForm(forms.Form):
    file = forms.FileField(label="Fichier CSV (UTF-8, séparateur ; ou ,)",
                           error_messages={"required": "Choisissez un fichier CSV."})


class ProfileForm(forms.Form):
    trade_name = forms.CharField(label="Nom commercial", max_length=200)
    legal_name = forms.CharField(label="Raison sociale", max_length=200)
    siret = forms.CharField(label="SIRET", max_length=20)
    email = forms.EmailField(label="E-mail de contact")
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    website = forms.URLField(label="Site web", required=False, assume_scheme="https")
    street_address = forms.CharField(label="Adresse", max_length=255, required=False)
    description = forms.CharField(label="Présentation", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    labels = forms.MultipleChoiceField(label="Labels", choices=ProducerLabel.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    opening_hours = forms.CharField(
        label="Horaires de retrait (une ligne par créneau : « mardi 16:00-19:00 »)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}))
    order_cutoff_hours = forms.IntegerField(label="Délai de commande (heures avant la distribution)", min_value=0,
                                            max_value=336)
    iban = forms.CharField(label="IBAN", max_length=42, required=False)
    bic = forms.CharField(label="BIC", max_length=11, required=False)

    def clean_opening_hours(self):
        hours = []
        for line in (self.cleaned_data.get("opening_hours") or "").splitlines():
            if not line.strip():
                continue
            parts = line.strip().lower().split()
            try:
                day = WEEKDAYS.index(parts[0]) + 1
                opens, closes = parts[1].split("-")
                if not (len(opens) == len(closes) == 5 and opens < closes):
                    raise ValueError
            except (ValueError, IndexError):
                raise ValidationError(f"Créneau illisible : « {line.strip()} » (exemple : mardi 16:00-19:00).") \
                    from None
            hours.append({"day": day, "opens": opens, "closes": closes})
        return hours


def hours_as_text(hours) -> str:
    return "\n".join(f"{WEEKDAYS[h['day'] - 1]} {h['opens']}-{h['closes']}" for h in hours or []
                     if 1 <= int(h.get("day", 0)) <= 7)


def description_as_text(description) -> str:
    blocks = (description or {}).get("blocks", []) if isinstance(description, dict) else []
    return "\n\n".join(str((block.get("data") or {}).get("text", "")) for block in blocks if isinstance(block, dict))


def text_as_description(text: str) -> dict | None:
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    if not paragraphs:
        return None
    return {"blocks": [{"type": "paragraph", "data": {"text": p}} for p in paragraphs]}
