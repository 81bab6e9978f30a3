"""The API reads JSON only: the schema then advertises no form bodies it cannot read."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json.loads gives up on deeply nested arrays with RecursionError, not ValueError.
            raise ParseError(_("The JSON body is nested too deeply.")) from None
