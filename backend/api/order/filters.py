"""Staff `orders` filters (Saleor's OrderFilterInput and the simple parts of OrderWhereInput) and sorting."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from backend.api.checkout.ids import decode_pk
from backend.api.core.filter_inputs import string_filter_q
from backend.core.ids import InvalidGlobalId, from_global_id

SORT_FIELDS = {"NUMBER": "number", "RANK": "number", "CREATED_AT": "created_at", "CREATION_DATE": "created_at",
               "LAST_MODIFIED_AT": "updated_at", "CUSTOMER": "user_email", "PAYMENT": "charge_status",
               "FULFILLMENT_STATUS": "status"}
STATUS_FILTER = {"READY_TO_FULFILL": ["UNFULFILLED"], "READY_TO_CAPTURE": [], "UNFULFILLED": ["UNFULFILLED"],
                 "UNCONFIRMED": ["UNCONFIRMED"], "PARTIALLY_FULFILLED": ["PARTIALLY_FULFILLED"],
                 "FULFILLED": ["FULFILLED"], "CANCELED": ["CANCELED"]}


def _values(items) -> list[str]:
    return [getattr(item, "value", item) for item in items or ()]


def _range(field: str, value) -> Q:
    q = Q()
    if value.get("gte") is not None:
        q &= Q(**{f"{field}__gte": value["gte"]})
    if value.get("lte") is not None:
        q &= Q(**{f"{field}__lte": value["lte"]})
    return q


def _uuid_ids(ids, type_name) -> list:
    pks = []
    for global_id in ids or ():
        try:
            pks.append(decode_pk(global_id, type_name)[1])
        except ValidationError:
            pass  # a malformed ID simply matches nothing
    return pks


def search_q(text: str) -> Q:
    text = (text or "").strip()
    q = Q(user_email__icontains=text) | Q(user__first_name__icontains=text) | Q(user__last_name__icontains=text) \
        | Q(pickup_code__iexact=text) | Q(lines__product_name__icontains=text)
    if text.isdigit():
        q |= Q(number=int(text))
    return q


def apply_filter(orders: QuerySet, data: dict | None) -> QuerySet:
    data = data or {}
    q = Q()
    if data.get("status"):
        q &= Q(status__in=[s for value in _values(data["status"]) for s in STATUS_FILTER.get(value, [value])])
    if data.get("customer"):
        text = data["customer"]
        q &= Q(user_email__icontains=text) | Q(user__first_name__icontains=text) | Q(user__last_name__icontains=text)
    if data.get("created"):
        q &= _range("created_at__date", data["created"])
    if data.get("updated_at"):
        q &= _range("updated_at", data["updated_at"])
    if data.get("numbers"):
        q &= Q(number__in=[int(n) for n in data["numbers"] if str(n).isdigit()])
    if data.get("ids"):
        q &= Q(pk__in=_uuid_ids(data["ids"], "Order"))
    if data.get("charge_status"):
        q &= Q(charge_status__in=_values(data["charge_status"]))
    if data.get("authorize_status"):
        q &= Q(authorize_status__in=_values(data["authorize_status"]))
    if data.get("is_click_and_collect") is not None:
        q &= ~Q(collection_point_name="") if data["is_click_and_collect"] else Q(collection_point_name="")
    if data.get("payment_status"):
        charge = {"NOT_CHARGED": "NONE", "PARTIALLY_CHARGED": "PARTIAL", "FULLY_CHARGED": "FULL"}
        q &= Q(charge_status__in=[charge.get(v, v) for v in _values(data["payment_status"])])
    if data.get("gift_card_used") or data.get("gift_card_bought"):
        q &= Q(pk__in=[])  # no gift cards are sold here
    if data.get("checkout_ids"):
        q &= Q(checkout_token__in=[str(pk) for pk in _uuid_ids(data["checkout_ids"], "Checkout")])
    if data.get("checkout_tokens"):
        q &= Q(checkout_token__in=[str(token) for token in data["checkout_tokens"]])
    if data.get("channels"):
        channel_ids = []
        for global_id in data["channels"]:
            try:
                type_name, pk = from_global_id(global_id)
            except InvalidGlobalId:
                continue
            if type_name == "Channel" and pk.isdigit():
                channel_ids.append(int(pk))
        q &= Q(channel_id__in=channel_ids)
    orders = orders.filter(q)
    if data.get("search"):
        orders = orders.filter(search_q(data["search"])).distinct()
    return orders


def apply_where(orders: QuerySet, where: dict | None) -> QuerySet:
    where = where or {}
    for part in where.get("and") or where.get("AND") or ():
        orders = apply_where(orders, part)
    alternatives = where.get("or") or where.get("OR")
    if alternatives:
        ids = set()
        for part in alternatives:
            ids |= set(apply_where(orders, part).values_list("pk", flat=True))
        orders = orders.filter(pk__in=ids)
    for name, field in (("user_email", "user_email"), ("voucher_code", "voucher_code")):
        value = where.get(name)
        if value:
            orders = orders.filter(string_filter_q(field, value))
    token = where.get("checkout_token")
    if token:
        if token.get("eq") is not None:
            orders = orders.filter(checkout_token=str(token["eq"]))
        if token.get("one_of"):
            orders = orders.filter(checkout_token__in=[str(t) for t in token["one_of"]])
    if where.get("updated_at"):
        orders = orders.filter(_range("updated_at", where["updated_at"]))
    if where.get("has_fulfillments") is not None:
        orders = orders.filter(fulfillments__isnull=not where["has_fulfillments"]).distinct()
    if where.get("is_gift_card_used") or where.get("is_gift_card_bought"):
        orders = orders.none()
    if where.get("ids"):
        orders = orders.filter(pk__in=_uuid_ids(where["ids"], "Order"))
    number = where.get("number")
    if number:
        if number.get("eq") is not None:
            orders = orders.filter(number=number["eq"])
        if number.get("one_of"):
            orders = orders.filter(number__in=number["one_of"])
        if number.get("range"):
            orders = orders.filter(_range("number", number["range"]))
    for name, field in (("status", "status"), ("charge_status", "charge_status"),
                        ("authorize_status", "authorize_status")):
        value = where.get(name)
        if value:
            if value.get("eq") is not None:
                orders = orders.filter(**{field: getattr(value["eq"], "value", value["eq"])})
            if value.get("one_of"):
                orders = orders.filter(**{f"{field}__in": _values(value["one_of"])})
    if where.get("created_at"):
        orders = orders.filter(_range("created_at", where["created_at"]))
    if where.get("is_click_and_collect") is not None:
        orders = orders.exclude(collection_point_name="") if where["is_click_and_collect"] \
            else orders.filter(collection_point_name="")
    return orders


def apply_sort(orders: QuerySet, sort_by: dict | None) -> QuerySet:
    if not sort_by:
        return orders.order_by("-number")
    field = SORT_FIELDS.get(getattr(sort_by["field"], "value", sort_by["field"]), "number")
    direction = getattr(sort_by["direction"], "value", sort_by["direction"])
    prefix = "-" if direction == "DESC" else ""
    return orders.order_by(f"{prefix}{field}", f"{prefix}number")
