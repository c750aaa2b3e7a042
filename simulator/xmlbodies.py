"""Orders in XML, which the seed page allows beside JSON: reading a request body and writing an answer.

Only plain elements are read. A document with a DTD is refused outright, so no entity can expand
and nothing outside the body can be pulled in.
"""

import re
import xml.etree.ElementTree as ET

from tradestation.errors import ApiError

# Elements whose children are the items of a list rather than the fields of an object.
LIST_ELEMENTS = {"OSOs", "Orders"}
BOOLEAN_FIELDS = {"ByPoints"}
_DECLARATIONS = re.compile(r"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
MAX_DEPTH = 8


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def read(text, invalid_message):
    """A JSON-like value from an XML document (the root element's content)."""
    if not text or _DECLARATIONS.search(text):
        raise ApiError(400, invalid_message)
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise ApiError(400, invalid_message) from None
    return _value(root, invalid_message, 0)


def _value(element, invalid_message, depth):
    if depth > MAX_DEPTH:
        raise ApiError(400, invalid_message)
    name = _local(element.tag)
    children = list(element)
    if name in LIST_ELEMENTS:
        return [_value(child, invalid_message, depth + 1) for child in children]
    if not children:
        text = (element.text or "").strip()
        if name in BOOLEAN_FIELDS and text.lower() in ("true", "false"):
            return text.lower() == "true"
        return text if text else None
    fields = {}
    for child in children:
        key = _local(child.tag)
        if key in fields:
            raise ApiError(400, invalid_message)  # two values for one field
        fields[key] = _value(child, invalid_message, depth + 1)
    return fields


def _singular(name):
    return name[:-1] if name.endswith("s") and len(name) > 1 else "Item"


def write(payload, item_name):
    """An XML document for an answer: a list becomes ArrayOf<item>, each entry an <item> element."""
    if isinstance(payload, list):
        root = ET.Element(f"ArrayOf{item_name}")
        for entry in payload:
            _fill(ET.SubElement(root, item_name), entry)
    else:
        root = ET.Element(item_name)
        _fill(root, payload)
    return '<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root, encoding="unicode")


def _fill(element, value):
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner)
    elif isinstance(value, list):
        for inner in value:
            _fill(ET.SubElement(element, _singular(element.tag)), inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
