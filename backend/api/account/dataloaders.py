"""Batch loaders of the account domain (one query per kind of related data, whatever the number of users)."""

from backend.api.core.dataloaders import ByIdLoader, DataLoader
from backend.commerce.account import selectors
from backend.commerce.account.models import Address


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
