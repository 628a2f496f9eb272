import pytest

from backend.core.ids import from_global_id, to_global_id


def test_global_id_is_saleors_encoding():
    assert to_global_id("Product", 42) == "UHJvZHVjdDo0Mg=="
    assert from_global_id("UHJvZHVjdDo0Mg==") == ("Product", "42")


@pytest.mark.django_db
def test_every_saleor_permission_exists_in_the_database():
    from django.contrib.auth.models import Permission

    from backend.core.permissions import PermissionEnum

    missing = [p.name for p in PermissionEnum
               if not Permission.objects.filter(content_type__app_label=p.app_label, codename=p.codename).exists()]
    assert missing == []
