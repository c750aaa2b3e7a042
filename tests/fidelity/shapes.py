"""What "the documented shape" means in these tests, in one place."""


def same_shape(documented, answered, where="answer"):
    """The answer has every documented key, lists of the documented length, and values of the documented
    kind. A documented null is a string field left empty (the object pages type those fields as strings)."""
    if isinstance(documented, dict):
        assert isinstance(answered, dict), f"{where}: {answered!r} is not an object"
        for key, value in documented.items():
            assert key in answered, f"{where}: no {key} in {answered!r}"
            same_shape(value, answered[key], f"{where}.{key}")
    elif isinstance(documented, list):
        assert isinstance(answered, list) and len(answered) == len(documented), f"{where}: {answered!r}"
        for index, (one, other) in enumerate(zip(documented, answered, strict=True)):
            same_shape(one, other, f"{where}[{index}]")
    elif documented is None:
        assert answered is None or isinstance(answered, str), f"{where}: {answered!r}"
    elif isinstance(documented, bool):
        assert isinstance(answered, bool), f"{where}: {answered!r}"
    elif isinstance(documented, (int, float)):
        assert isinstance(answered, (int, float)) and not isinstance(answered, bool), f"{where}: {answered!r}"
    else:
        assert isinstance(answered, str), f"{where}: {answered!r} is not a string"


def same_kinds(documented, answered, where="answer"):
    """As same_shape, but a list may be of any length: each answered item has the shape of the documented
    list's first item (a documented empty list asks only for a list). For answers whose length depends on the
    account's holdings, where the documented example shows some other account's."""
    if isinstance(documented, list):
        assert isinstance(answered, list), f"{where}: {answered!r} is not a list"
        for index, item in enumerate(answered):
            if documented:
                same_kinds(documented[0], item, f"{where}[{index}]")
    elif isinstance(documented, dict):
        assert isinstance(answered, dict), f"{where}: {answered!r} is not an object"
        for key, value in documented.items():
            assert key in answered, f"{where}: no {key} in {answered!r}"
            same_kinds(value, answered[key], f"{where}.{key}")
    else:
        same_shape(documented, answered, where)
