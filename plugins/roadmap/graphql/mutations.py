"""The residents' workshop mutations: public (no account needed), thin: validate, call one service, shape."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.core.mutations import BaseMutation
from backend.core.ids import InvalidGlobalId, from_global_id
from plugins.roadmap import services
from plugins.roadmap.error_codes import WorkshopErrorCode
from plugins.roadmap.graphql.types import WorkshopError, WorkshopRegistration


class WorkshopRegisterInput(graphene.InputObjectType):
    workshop_id = graphene.ID(required=True, description="ID of the workshop.")
    name = graphene.String(required=True, description="Name of the person registering.")
    email = graphene.String(required=True, description="E-mail address the confirmation is sent to.")
    phone = graphene.String(description="Phone number, optional.")
    seats = graphene.Int(default_value=1, description="Places to book, from 1 to 3.")


def _workshop_pk(global_id: str) -> int:
    try:
        type_name, pk = from_global_id(global_id)
        if type_name == "Workshop":
            return int(pk)
    except (InvalidGlobalId, ValueError):
        pass
    raise ValidationError({"workshop_id": ValidationError("Identifiant d'atelier invalide.",
                                                          code=WorkshopErrorCode.NOT_FOUND.value)})


class WorkshopRegister(BaseMutation):
    registration = graphene.Field(WorkshopRegistration)

    class Arguments:
        input = WorkshopRegisterInput(required=True, description="Fields required to register to a workshop.")

    class Meta:
        description = "Register to a digital workshop (places limited; a confirmation is sent by mail)."
        error_type_class = WorkshopError
        auth = "public"
        rate_limit = "workshop_register"

    @classmethod
    def perform_mutation(cls, _root, _info, input):
        registration = services.workshop_register(
            workshop_id=_workshop_pk(input["workshop_id"]), name=input["name"], email=input["email"],
            phone=input.get("phone") or "", seats=input.get("seats") if input.get("seats") is not None else 1)
        return cls(registration=registration)


class WorkshopRegistrationCancel(BaseMutation):
    registration = graphene.Field(WorkshopRegistration)

    class Arguments:
        token = graphene.String(required=True, description="The secret of the cancellation link sent by mail.")

    class Meta:
        description = "Cancel a workshop registration with the secret of its cancellation link."
        error_type_class = WorkshopError
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, token):
        return cls(registration=services.registration_cancel(token=token))
