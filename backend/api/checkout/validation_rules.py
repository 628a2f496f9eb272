"""`addressValidationRules(countryCode: FR)`: French address rules, and the communes home delivery serves.

Decision: the served communes are listed in `cityChoices` (raw: the commune's name as La Poste writes it, upper
case; verbose: "Le Quesnoy (59530)"), and their postal codes in `postalCodeExamples`: the storefront can offer them
in the address form, and a commune outside the list is refused by checkoutShippingAddressUpdate. `cityAreaChoices`
stays empty (no districts in our villages). Other countries get their name and an empty set of choices: we only
deliver in France.
"""

import graphene

from backend.api.core.enums import CountryCodeEnum
from backend.api.core.types import COUNTRY_NAMES_FR
from backend.commerce.channel import selectors as channel_selectors
from backend.commerce.shipping.selectors import served_communes

FR_ALLOWED = ["firstName", "lastName", "companyName", "streetAddress1", "streetAddress2", "city", "postalCode",
              "phone"]


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String()
    verbose = graphene.String()


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    required_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    upper_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_type = graphene.String(required=True)
    city_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_examples = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_prefix = graphene.String(required=True)

    class Meta:
        description = "Represents address validation rules for a country."


def address_validation_rules(country_code: str, city: str | None = None) -> AddressValidationData:
    code = getattr(country_code, "value", country_code)
    name = COUNTRY_NAMES_FR.get(code, code)
    if code != "FR":
        return AddressValidationData(
            country_code=code, country_name=name, address_format="%N%n%O%n%A%n%Z %C", address_latin_format="",
            allowed_fields=FR_ALLOWED, required_fields=[], upper_fields=[], country_area_type="",
            country_area_choices=[], city_type="city", city_choices=[], city_area_type="", city_area_choices=[],
            postal_code_type="postal", postal_code_matchers=[], postal_code_examples=[], postal_code_prefix="")
    channel = channel_selectors.default_channel()
    communes = list(served_communes(channel_id=channel.pk)) if channel else []
    if city:
        communes = [c for c in communes if c.name.upper().startswith(city.strip().upper())]
    return AddressValidationData(
        country_code="FR", country_name="France", address_format="%O%n%N%n%A%n%Z %C",
        address_latin_format="%O%n%N%n%A%n%Z %C", allowed_fields=FR_ALLOWED,
        required_fields=["streetAddress1", "city", "postalCode"], upper_fields=["city"], country_area_type="province",
        country_area_choices=[], city_type="city",
        city_choices=[ChoiceValue(raw=c.name.upper(), verbose=f"{c.name} ({', '.join(c.postcodes)})")
                      for c in communes],
        city_area_type="suburb", city_area_choices=[], postal_code_type="postal", postal_code_matchers=[r"^\d{5}$"],
        postal_code_examples=sorted({p for c in communes for p in c.postcodes}), postal_code_prefix="")


ADDRESS_VALIDATION_ARGS = {
    "country_code": graphene.Argument(CountryCodeEnum, required=True, description="Two-letter ISO 3166-1 country "
                                                                                  "code."),
    "country_area": graphene.String(description="Designation of a region, province or state."),
    "city": graphene.String(description="City or a town name."),
    "city_area": graphene.String(description="Sublocality like a district."),
}
