"""An Elasticsearch node that answers from memory: the official client builds and serialises every request as it
would for a real cluster, and the tests read back method, path and body."""

import json

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse  # what a node returns; not re-exported at the top level

PRODUCT_HEADERS = {"x-elastic-product": "Elasticsearch",
                   "content-type": "application/vnd.elasticsearch+json;compatible-with=9"}


class Recorder:
    def __init__(self):
        self.requests: list[tuple[str, str, object]] = []
        self.routes: dict[tuple[str, str], tuple[int, object]] = {}

    def answer(self, method: str, path: str, body: object, status: int = 200) -> None:
        self.routes[(method, path)] = (status, body)

    def calls(self) -> list[tuple[str, str]]:
        return [(method, path) for method, path, _body in self.requests]

    def node_class(self) -> type[BaseNode]:
        recorder = self

        class FakeNode(BaseNode):
            _CLIENT_META_HTTP_CLIENT = ("fake", "1.0")

            def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
                path = target.split("?")[0]
                recorder.requests.append((method, path, _decode(path, body)))
                status, answer = recorder.routes.get((method, path), (200, default_answer(method, path, body)))
                meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(PRODUCT_HEADERS),
                                       duration=0.0, node=self.config)
                return NodeApiResponse(meta, json.dumps(answer).encode() if answer is not None else b"")

        return FakeNode


def _decode(path: str, body: bytes | None):
    if not body:
        return None
    if path.endswith("/_bulk"):  # ndjson: one action or document per line
        return [json.loads(line) for line in body.decode().splitlines() if line.strip()]
    return json.loads(body)


def default_answer(method: str, path: str, body: bytes | None):
    if path.endswith("/_bulk"):
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items = []
        for line in lines:
            op = next(iter(line))
            if op in {"index", "delete", "create", "update"}:
                items.append({op: {"_id": line[op]["_id"], "status": 200 if op == "delete" else 201}})
        return {"took": 1, "errors": False, "items": items}
    if method == "HEAD":
        return None
    return {"acknowledged": True}
