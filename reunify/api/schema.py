"""What the schema says beyond what drf-spectacular reads from the serializers.

Every operation can answer with the one error shape; and text fields say what the
cleaning step (reunify.board.cleaning) refuses, so that the schema and the code agree.
"""

from django.conf import settings

from reunify.lib.people import AGE_TEXT_PATTERN, PHONE_PATTERN

# PostgreSQL text cannot hold NUL: every text field and parameter refuses it.
NO_NUL = r"^[^\x00]*$"
# A required text needs one character that is neither a space nor one the cleaning removes.
VISIBLE = r"^[^\x00]*[^\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff][^\x00]*$"
PATTERNS = {
    "contact_phone": f"(?:^$)|(?:{PHONE_PATTERN})",
    "age_text": f"(?:^$)|(?:{AGE_TEXT_PATTERN})",
}

# An age is sent as written (age_text) or as numbers, not both (a written age always has
# a digit; a number left null does not count).
_AGE_TEXT_OR_NUMBERS = {
    "anyOf": [
        {
            "required": ["age_text", number],
            "properties": {"age_text": {"pattern": "[0-9]"}, number: {"type": "integer"}},
        }
        for number in ("age", "age_min", "age_max")
    ]
}

ERROR_STATUSES = {
    "400": "The request is not valid (field errors in error.fields).",
    "401": "The API key is missing, wrong, expired or revoked.",
    "403": "The key lacks the scope this needs.",
    "404": "Not found.",
    "405": "This address does not answer that method.",
    "415": "The body is not JSON (the API reads JSON only).",
    "429": "Too many requests for this key; wait and retry.",
}


def _text_patterns(schema: dict, name: str = "") -> None:
    """Add the cleaning step's patterns to every string (in place, recursively)."""
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and "pattern" not in schema and "enum" not in schema:
        if name in PATTERNS:
            schema["pattern"] = PATTERNS[name]
        elif "format" not in schema:
            schema["pattern"] = VISIBLE if schema.get("minLength", 0) >= 1 else NO_NUL
    for key, value in schema.get("properties", {}).items():
        _text_patterns(value, key)
    for key in ("items", "additionalProperties"):
        _text_patterns(schema.get(key), name)
    for key in ("oneOf", "anyOf", "allOf"):
        for value in schema.get(key, []):
            _text_patterns(value, name)


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "fields"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    }
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for name, component in result["components"]["schemas"].items():
        if name.endswith("Request"):  # what clients send (COMPONENT_SPLIT_REQUEST)
            _text_patterns(component)
            if "age_text" in component.get("properties", {}):
                component["not"] = _AGE_TEXT_OR_NUMBERS
            if name.endswith("BatchRequest"):  # limits spectacular leaves out
                records = component["properties"]["records"]
                records.update({"minItems": 1, "maxItems": settings.API_BATCH_MAX})
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            for parameter in operation.get("parameters", []):
                _text_patterns(parameter.get("schema"), parameter["name"])
            if method == "get" and {} not in operation.setdefault("security", []):
                operation["security"].append({})  # reads are public; a key adds contact details
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(status, {"description": description, "content": body})
    return result
