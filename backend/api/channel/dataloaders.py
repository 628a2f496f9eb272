from backend.api.core.dataloaders import ByIdLoader
from backend.commerce.channel.models import Channel


class ChannelByIdLoader(ByIdLoader):
    model = Channel
