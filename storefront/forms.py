"""Forms of the residents' site. Labels and messages in French; the API has the last word on validity."""

from django import forms

REQUIRED = {"required": "Ce champ est obligatoire."}


class SignInForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail", error_messages={**REQUIRED, "invalid": "Adresse e-mail invalide."},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label="Mot de passe", error_messages=REQUIRED,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class RegisterForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=100, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label="Nom", max_length=100, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(label="Adresse e-mail", error_messages={**REQUIRED, "invalid": "Adresse e-mail invalide."},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label="Mot de passe (8 caractères au moins)", min_length=8,
                               error_messages={**REQUIRED, "min_length": "Le mot de passe doit contenir au moins "
                                                                         "8 caractères."},
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class EmailForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail", error_messages={**REQUIRED, "invalid": "Adresse e-mail invalide."},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ConfirmForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)


class SetPasswordForm(ConfirmForm):
    password = forms.CharField(label="Nouveau mot de passe (8 caractères au moins)", min_length=8,
                               error_messages={**REQUIRED, "min_length": "Le mot de passe doit contenir au moins "
                                                                         "8 caractères."},
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


def add_api_errors(form: forms.Form, errors: list[dict], field_map: dict[str, str] | None = None) -> None:
    """Put the API's typed errors on the form's fields (camelCase API field -> form field)."""
    field_map = field_map or {}
    for error in errors:
        api_field = error.get("field")
        field = field_map.get(api_field, api_field)
        form.add_error(field if field in form.fields else None, error.get("message") or "Saisie invalide.")


class AddressForm(forms.Form):
    """A French address (the Comptoir serves the Pays de Mormal; the API checks the commune and postcode)."""

    first_name = forms.CharField(label="Prénom", max_length=100, error_messages=REQUIRED,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label="Nom", max_length=100, error_messages=REQUIRED,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    street_address_1 = forms.CharField(label="Adresse", max_length=256, error_messages=REQUIRED,
                                       widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    street_address_2 = forms.CharField(label="Complément d'adresse", max_length=256, required=False,
                                       widget=forms.TextInput(attrs={"autocomplete": "address-line2"}))
    postal_code = forms.RegexField(label="Code postal", regex=r"^\d{5}$",
                                   error_messages={**REQUIRED, "invalid": "Le code postal compte 5 chiffres."},
                                   widget=forms.TextInput(attrs={"autocomplete": "postal-code",
                                                                 "inputmode": "numeric"}))
    city = forms.CharField(label="Commune", max_length=256, error_messages=REQUIRED,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    phone = forms.CharField(label="Téléphone", max_length=20, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))

    API_FIELDS = {"firstName": "first_name", "lastName": "last_name", "streetAddress1": "street_address_1",
                  "streetAddress2": "street_address_2", "postalCode": "postal_code", "city": "city",
                  "phone": "phone"}

    def api_input(self) -> dict:
        data = self.cleaned_data
        result = {api: data[field] for api, field in self.API_FIELDS.items()}
        result["country"] = "FR"
        if not result["phone"]:
            result.pop("phone")
        return result

    @classmethod
    def initial_from(cls, address: dict) -> dict:
        return {field: address.get(api) or "" for api, field in cls.API_FIELDS.items()}


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="Mot de passe actuel", error_messages=REQUIRED,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password = forms.CharField(label="Nouveau mot de passe (8 caractères au moins)", min_length=8,
                                   error_messages={**REQUIRED, "min_length": "Le mot de passe doit contenir au "
                                                                             "moins 8 caractères."},
                                   widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class DeletionConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=300)
