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
