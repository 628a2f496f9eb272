"""The tax classes of an order (staff only, as Saleor): of each line, and of its delivery fee.

A line keeps the name of the tax class it was sold under (`OrderLine.tax_class_name`, unique among classes), so the
class is found by that name. The delivery fee was taxed by its shipping method's class (the standard 20 % when the
method has none: then there is no class to show, and Saleor answers null as well).
"""

from backend.api.core.dataloaders import then
from backend.api.core.field_rules import STAFF_OR_APP, private_field
from backend.api.order.dataloaders import ShippingMethodByIdLoader, TaxClassByNameLoader
from backend.api.product.dataloaders import TaxClassByIdLoader


@private_field(*STAFF_OR_APP)
def resolve_line_tax_class(root, info):
    return TaxClassByNameLoader(info.context).load(root.tax_class_name) if root.tax_class_name else None


@private_field(*STAFF_OR_APP)
def resolve_shipping_tax_class(root, info):
    if root.shipping_method_id is None:
        return None

    def of_method(method):
        if method is None or method.tax_class_id is None:
            return None
        return then(TaxClassByIdLoader(info.context).load(method.tax_class_id),
                    lambda tax_class: tax_class if tax_class and tax_class.rate == root.shipping_tax_rate else None)

    return then(ShippingMethodByIdLoader(info.context).load(root.shipping_method_id), of_method)
