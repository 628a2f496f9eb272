"""Helpers the catalogue types share: channel wrapping, attribute assembly, VAT rate loading."""

from backend.api.attribute.assigned import AssignedAttributeData
from backend.api.attribute.dataloaders import AttributeByIdLoader
from backend.api.channel.context import ChannelContext, can_manage_products
from backend.api.core.dataloaders import gather, then
from backend.api.product import dataloaders as loaders
from backend.api.product.pricing import product_vat_rate


def wrap(objects, channel):
    return [ChannelContext(obj, channel) for obj in objects]


def wrap_one(obj, channel):
    return ChannelContext(obj, channel) if obj is not None else None


def channel_of(root):
    return root.channel if isinstance(root, ChannelContext) else None


def node_of(root):
    return root.node if isinstance(root, ChannelContext) else root


def load_vat_rate(info, product_id):
    return then(loaders.ProductByIdLoader(info.context).load(product_id), product_vat_rate)


def load_assigned_attributes(info, type_attributes_future, values_future):
    """[AssignedAttributeData] for an object: its type's attributes in order, each with the values the object holds,
    then attributes that hold values without being declared on the type. Hidden attributes only for staff."""
    show_hidden = can_manage_products(info)

    def assemble(results):
        type_attributes, values = results
        by_attribute = {}
        for value in values:
            by_attribute.setdefault(value.attribute_id, []).append(value)
        declared_ids = {attribute.pk for attribute in type_attributes}
        extra_ids = [pk for pk in by_attribute if pk not in declared_ids]

        def finish(extra_attributes):
            attributes = list(type_attributes) + [a for a in extra_attributes if a is not None]
            return [AssignedAttributeData(attribute, by_attribute.get(attribute.pk, []))
                    for attribute in attributes if show_hidden or attribute.visible_in_storefront]

        if not extra_ids:
            return finish([])
        return then(AttributeByIdLoader(info.context).load_many(extra_ids), finish)

    return then(gather([type_attributes_future, values_future]), assemble)
