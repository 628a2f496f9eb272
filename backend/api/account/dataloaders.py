"""Batch loaders of the account domain (one query per kind of related data, whatever the number of users)."""

from backend.api.core.dataloaders import ByIdLoader, DataLoader, group_by
from backend.commerce.account import selectors
from backend.commerce.account.models import Address
from backend.commerce.channel.models import Channel
from backend.commerce.order.models import Order


class AddressByIdLoader(ByIdLoader):
    model = Address


class AddressesByUserIdLoader(DataLoader):
    def batch_load(self, keys):
        book = selectors.addresses_by_user_ids(keys)
        loader = AddressByIdLoader(self.context)
        for addresses in book.values():
            for address in addresses:
                loader.prime(address.pk, address)
        return [book[key] for key in keys]


class PermissionsByUserLoader(DataLoader):
    """Keyed by User instances (the resolver has them: no need to read the users again)."""

    def batch_load(self, keys):
        permissions = selectors.permissions_of_users(keys)
        return [permissions[user.pk] for user in keys]


class GroupsByUserIdLoader(DataLoader):
    def batch_load(self, keys):
        groups = selectors.groups_of_users(keys)
        return [groups[key] for key in keys]


class AllGroupsLoader(DataLoader):
    """Every permission group, once per request (key: None)."""

    def batch_load(self, keys):
        groups = selectors.all_groups()
        return [groups for _ in keys]


class PermissionsByGroupIdLoader(DataLoader):
    def batch_load(self, keys):
        permissions = selectors.permissions_of_groups(keys)
        return [permissions[key] for key in keys]


class UsersByGroupIdLoader(DataLoader):
    def batch_load(self, keys):
        users = selectors.users_of_groups(keys)
        return [users[key] for key in keys]


class AllChannelsLoader(DataLoader):
    """Every channel, once per request (key: None)."""

    def batch_load(self, keys):
        channels = list(Channel.objects.order_by("slug"))
        return [channels for _ in keys]


class OrdersByUserIdLoader(DataLoader):
    """Each user's orders, oldest first (the PLACED_ORDER events of the account's history)."""

    def batch_load(self, keys):
        grouped = group_by(Order.objects.filter(user_id__in=keys).order_by("created_at", "number"),
                           lambda order: order.user_id)
        return [grouped.get(key, []) for key in keys]
