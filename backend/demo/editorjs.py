"""Small builders of EditorJS documents (the JSON format Saleor stores in description/content fields)."""

import hashlib

EDITORJS_VERSION = "2.24.3"
# A fixed timestamp: the documents must be byte-identical from one run to the next (determinism).
EDITORJS_TIME = 1764374400000


def _block_id(seed_text: str) -> str:
    return hashlib.sha1(seed_text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def paragraph(text: str) -> dict:
    return {"id": _block_id(f"p:{text}"), "type": "paragraph", "data": {"text": text}}


def header(text: str, level: int = 2) -> dict:
    return {"id": _block_id(f"h:{text}"), "type": "header", "data": {"text": text, "level": level}}


def bullet_list(items: list[str]) -> dict:
    return {"id": _block_id("l:" + "|".join(items)), "type": "list", "data": {"style": "unordered", "items": items}}


def document(blocks: list[dict]) -> dict:
    return {"time": EDITORJS_TIME, "blocks": blocks, "version": EDITORJS_VERSION}


def plaintext(doc: dict) -> str:
    """The text of a document, for description_plaintext and search."""
    parts: list[str] = []
    for block in doc.get("blocks", []):
        data = block.get("data", {})
        if "text" in data:
            parts.append(data["text"])
        parts.extend(data.get("items", []))
    return "\n".join(parts)
