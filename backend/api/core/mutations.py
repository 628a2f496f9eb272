"""BaseMutation: permission check first (deny by default), then one service call, then typed errors in the payload.

Each mutation declares who may call it, in its Meta:
- `permissions=(PermissionEnum.X, ...)`: staff holding all of them (an empty tuple denies everybody);
- `auth="public"`: anybody, the mutation itself checks ownership where there is any (e.g. a checkout by its UUID);
- `auth="authenticated"`: any signed-in user, acting on their own data.
A mutation that declares nothing is refused at import time, so a new mutation cannot be open by accident.
"""

import graphene
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import InterfaceError, OperationalError, transaction
from graphene.types.mutation import MutationOptions
from graphql import GraphQLError

from backend.api.core.errors import PermissionDenied, validation_error_to_list
from backend.api.core.ratelimit import enforce_rate_limit
from backend.core.permissions import has_permissions

AUTH_RULES = {"public", "authenticated"}


class ServiceUnavailable(GraphQLError):
    """The database could not be reached: nothing was written, the same call can be sent again."""

    def __init__(self):
        super().__init__("Service momentanément indisponible : rien n'a été enregistré, réessayez dans un instant.",
                         extensions={"code": "SERVICE_UNAVAILABLE", "exception": {"code": "SERVICE_UNAVAILABLE"}})


class BaseMutationOptions(MutationOptions):
    error_type_class = None
    error_type_field = "errors"
    permissions = None
    auth = None
    atomic = True
    rate_limit = None  # a scope of backend.api.core.ratelimit, counted before anything else


class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, error_type_class=None, error_type_field="errors", permissions=None,
                                    auth=None, atomic=True, rate_limit=None, _meta=None, **options):
        if _meta is None:
            _meta = BaseMutationOptions(cls)
        if error_type_class is None:
            raise ImproperlyConfigured(f"{cls.__name__}: declare error_type_class (the domain's XError type).")
        if permissions is None and auth not in AUTH_RULES:
            raise ImproperlyConfigured(
                f"{cls.__name__}: declare Meta.permissions or Meta.auth in {sorted(AUTH_RULES)} (deny by default)."
            )
        _meta.error_type_class = error_type_class
        _meta.error_type_field = error_type_field
        _meta.permissions = tuple(permissions) if permissions is not None else None
        _meta.auth = auth
        _meta.atomic = atomic
        _meta.rate_limit = rate_limit
        super().__init_subclass_with_meta__(_meta=_meta, **options)
        cls._meta.fields[error_type_field] = graphene.Field(
            graphene.NonNull(graphene.List(graphene.NonNull(error_type_class))),
            default_value=(),
        )

    @classmethod
    def check_permissions(cls, context) -> bool:
        user = getattr(context, "user", None)
        if cls._meta.permissions is not None:
            return has_permissions(user, cls._meta.permissions)
        if cls._meta.auth == "authenticated":
            return bool(user and user.is_authenticated and user.is_active)
        return cls._meta.auth == "public"

    @classmethod
    def mutate(cls, root, info, **data):
        if not cls.check_permissions(info.context):
            raise PermissionDenied(permissions=cls._meta.permissions)
        if cls._meta.rate_limit:  # outside the transaction: a refused or failed call stays counted
            enforce_rate_limit(cls._meta.rate_limit, info.context, data)
        try:
            if cls._meta.atomic:
                with transaction.atomic():
                    return cls.perform_mutation(root, info, **data)
            return cls.perform_mutation(root, info, **data)
        except ValidationError as error:
            return cls.error_response(error)
        except (OperationalError, InterfaceError) as error:
            # The database went away (restart, failover): the transaction is lost whole; the caller may retry.
            raise ServiceUnavailable() from error

    @classmethod
    def perform_mutation(cls, root, info, **data):
        raise NotImplementedError

    @classmethod
    def error_response(cls, error: ValidationError, **payload):
        errors = [cls._meta.error_type_class(**item) for item in validation_error_to_list(error, "INVALID")]
        return cls(**{cls._meta.error_type_field: errors, **payload})
