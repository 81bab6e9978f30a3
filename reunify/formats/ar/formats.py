# Django's Arabic formats lack the date-and-time ones, so those fell back to the English
# "N j, Y, P" ("نوفمبر 30, 2026, 10:34 ص"). Day first, as the Arabic date formats are.
DATE_FORMAT = "j F، Y"
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATE_FORMAT = "d\u200f/m\u200f/Y"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
TIME_FORMAT = "H:i"
