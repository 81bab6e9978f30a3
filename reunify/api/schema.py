"""Every operation can answer with the one error shape: say so in the schema."""

ERROR_STATUSES = {
    "400": "The request is not valid (field errors in error.fields).",
    "401": "The API key is missing, wrong, expired or revoked.",
    "403": "The key lacks the scope this needs.",
    "404": "Not found.",
    "429": "Too many requests for this key; wait and retry.",
}


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
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method == "get" and {} not in operation.setdefault("security", []):
                operation["security"].append({})  # reads are public; a key adds contact details
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(status, {"description": description, "content": body})
    return result
