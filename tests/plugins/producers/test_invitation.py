import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plugins.producers.models import MemberRole, ProducerMember
from plugins.producers.services.producers import member_accept_invitation, member_invite, producer_approve
from tests import factories

pytestmark = pytest.mark.django_db


def link_parts(user):
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def test_an_invited_member_sets_a_password_once(producer_a):
    member = member_invite(producer=producer_a, email="Paul@Ferme-Bocage.fr", role=MemberRole.STAFF)
    uid, token = link_parts(member.user)

    joined = member_accept_invitation(uidb64=uid, token=token, password="Maroilles-Affine-2026")

    joined.user.refresh_from_db()
    assert (joined.user.email, joined.user.check_password("Maroilles-Affine-2026")) == ("paul@ferme-bocage.fr", True)
    assert joined.joined_at is not None
    with pytest.raises(ValidationError) as raised:  # the token is spent once the password changed
        member_accept_invitation(uidb64=uid, token=token, password="Autre-Mot-De-Passe-2026")
    assert raised.value.error_dict["token"][0].messages == [
        "Ce lien d'invitation n'est plus valable : demandez-en un nouveau."]


def test_a_weak_password_is_refused_in_french(producer_a):
    member = member_invite(producer=producer_a, email="paul@ferme-bocage.fr")
    uid, token = link_parts(member.user)

    with pytest.raises(ValidationError) as raised:
        member_accept_invitation(uidb64=uid, token=token, password="123")

    assert raised.value.error_dict["password"][0].code == "INVALID"
    member.user.refresh_from_db()
    assert member.user.has_usable_password() is False


def test_a_user_belongs_to_one_producer(producer_a, producer_b):
    user = factories.user("marie@example.fr")
    ProducerMember.objects.create(user=user, producer=producer_a)

    with pytest.raises(ValidationError) as raised:
        member_invite(producer=producer_b, email="marie@example.fr")

    assert raised.value.error_dict["email"][0].messages == ["Cette personne est déjà membre de « Ferme du Bocage »."]
    assert ProducerMember.objects.filter(user=user).count() == 1


def test_approval_needs_a_complete_profile(producer_a):
    producer_a.iban = ""
    producer_a.status = "invited"
    producer_a.save()

    with pytest.raises(ValidationError) as raised:
        producer_approve(producer=producer_a)

    assert raised.value.error_dict["iban"][0].messages == ["Le profil est incomplet : IBAN."]
    producer_a.refresh_from_db()
    assert producer_a.status == "invited"
