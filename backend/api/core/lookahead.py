"""What a query asks below a field, read from its selection set before the children run.

A list resolver that knows its rows' children will ask for, say, their variants can load them for the whole page at
once and hand each child an already-resolved answer: the children then complete synchronously instead of through a
chain of callbacks, which on a 24-product grid cost more than the fields themselves.
"""


def _selections(selection_set, info):
    """The field nodes of a selection set, through fragments and inline fragments (directives are not evaluated:
    a skipped field only means a load that was not needed)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if selection.kind == "field":
            yield selection
        elif selection.kind == "inline_fragment":
            yield from _selections(selection.selection_set, info)
        elif selection.kind == "fragment_spread":
            fragment = info.fragments.get(selection.name.value)
            if fragment is not None:
                yield from _selections(fragment.selection_set, info)


def selected_fields(info, path: tuple[str, ...] = ()) -> set[str]:
    """Names of the fields selected at `path` below the current field (e.g. ("edges", "node") of a connection)."""
    level = list(info.field_nodes)
    for name in path:
        level = [field for node in level for field in _selections(node.selection_set, info)
                 if field.name.value == name]
    return {field.name.value for node in level for field in _selections(node.selection_set, info)}
