"""`updateMetadata` on a checkout (public: its ID is the right to change it, as the storefront stores marketing
consent there) or on an order (MANAGE_ORDERS). Other types are refused with a permission error."""

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction

from backend.api.checkout.base import DomainMutation
from backend.api.checkout.ids import decode_pk
from backend.api.checkout.types import MetadataError
from backend.api.core.errors import PermissionDenied
from backend.api.core.types import MetadataInput, ObjectWithMetadata
from backend.commerce.checkout.models import Checkout
from backend.commerce.order.models import Order
from backend.core.permissions import PermissionEnum, has_permissions

MAX_KEYS = 100
TARGETS = {"Checkout": (Checkout, None), "Order": (Order, PermissionEnum.MANAGE_ORDERS)}


class UpdateMetadata(DomainMutation):
    item = graphene.Field(ObjectWithMetadata)

    class Arguments:
        id = graphene.ID(required=True, description="ID or token (for Order and Checkout) of an object to update.")
        input = graphene.List(graphene.NonNull(MetadataInput), required=True,
                              description="Fields required to update the object's metadata.")

    class Meta:
        description = "Updates metadata of an object."
        error_type_class = MetadataError
        legacy_errors_field = "metadata_errors"
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        from backend.core.ids import InvalidGlobalId, from_global_id

        try:
            type_name = from_global_id(id)[0]
        except InvalidGlobalId:
            type_name = None
        if type_name is not None and type_name not in TARGETS:
            raise PermissionDenied()
        type_name, pk = decode_pk(id, tuple(TARGETS))
        model, permission = TARGETS[type_name]
        if permission is not None and not has_permissions(info.context.user, [permission]):
            raise PermissionDenied(permissions=[permission])
        items = {}
        for item in input:
            key = (item["key"] or "").strip()
            if not key:
                raise ValidationError({"input": ValidationError("Une clé de métadonnée ne peut pas être vide.",
                                                                code="REQUIRED")})
            items[key] = item["value"]
        with transaction.atomic():
            obj = model.objects.select_for_update(of=("self",)).filter(pk=pk).first()
            if obj is None:
                raise ValidationError({"id": ValidationError("Cet objet n'existe pas.", code="NOT_FOUND")})
            merged = {**(obj.metadata or {}), **items}
            if len(merged) > MAX_KEYS:
                raise ValidationError({"input": ValidationError(f"Pas plus de {MAX_KEYS} clés de métadonnées.",
                                                                code="INVALID")})
            obj.metadata = merged
            obj.save(update_fields=["metadata"])
        return cls(item=obj)
