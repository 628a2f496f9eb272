"""Users log in with their e-mail (no username): Django's user admin, with forms and fields to match."""

import uuid

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from backend.commerce.account.models import Address, User
from backend.core.admin import register_remaining_models


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "first_name", "last_name", "is_staff", "is_superuser", "is_active", "is_confirmed",
                    "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "is_confirmed", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("date_joined", "last_login", "updated_at")
    raw_id_fields = ("default_shipping_address", "default_billing_address")
    filter_horizontal = ("groups", "user_permissions", "addresses")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "language_code", "note")}),
        ("Adresses", {"fields": ("default_shipping_address", "default_billing_address", "addresses")}),
        ("Droits", {"fields": ("is_active", "is_confirmed", "is_staff", "is_superuser", "groups",
                               "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined", "updated_at")}),
        ("Métadonnées", {"classes": ("collapse",), "fields": ("metadata", "private_metadata")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1",
                                                              "password2")}),)

    def save_model(self, request, obj, form, change):
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Deactivation revokes the account's tokens for good: a new key, so that reactivating the account later
            # does not bring back the tokens issued before (while inactive, every token is refused anyway).
            obj.jwt_token_key = str(uuid.uuid4())
        super().save_model(request, obj, form, change)


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ("__str__", "city", "postal_code", "commune_insee", "country")
    search_fields = ("company_name", "last_name", "first_name", "street_address_1", "city", "postal_code")
    list_filter = ("country",)


register_remaining_models("account")
