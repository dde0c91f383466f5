"""The schema language: a `Field` of a front matter or registry, and the general validators
(text, dates, e-mail, phone numbers, addresses, countries, lists and mappings) that the content
types of model/schema.py and the registries are built from.

A validator takes the raw YAML value and returns the normalised value, or raises
`Invalid` with a message that says what is wrong and what to write instead.
`neutral=True` marks a language-neutral fact: it is written once, in the German
source page; a translation inherits it and may not state it differently.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import phonenumbers
from babel import Locale
from email_validator import EmailNotValidError, validate_email

from . import webaddress


class Invalid(ValueError):
    """A value does not fit its field; the message says what to do."""


Validator = Callable[[Any], Any]


def described(validate: Validator, **form: Any) -> Validator:
    """Attach to a validator what a form needs to ask for its value (the web editor's
    configuration is generated from it, site/editor.py): a `widget` with its `options` or
    `pattern` (a regular expression a browser can test, and what to write instead), or the
    validators inside (`item` of a list, `record` class, `fields` of a mapping, `like`: asks as
    that one does)."""
    validate.form = form  # type: ignore[attr-defined]
    return validate


def form_of(validate: Validator) -> dict[str, Any]:
    """What described() attached (a validator nobody described is asked for as plain text)."""
    return getattr(validate, "form", {"widget": "string"})


@dataclass(frozen=True)
class Field:
    validate: Validator
    required: bool = False
    neutral: bool = False
    default: Any = None


@dataclass(frozen=True)
class Phone:
    """A validated phone number: `display` as the author grouped it, `e164` for tel: links."""

    display: str = field(compare=False)  # the same number grouped differently is the same number
    e164: str = ""

    @property
    def tel(self) -> str:
        return f"tel:{self.e164}"


# ---------------------------------------------------------------- scalar validators


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be a non-empty text")
    return value.strip()


described(text, widget="string")


def iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Invalid(f"{value!r} is not an ISO date; write it as YYYY-MM-DD")


described(iso_date, widget="datetime")


def email(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{value!r} is not an e-mail address")
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as err:
        raise Invalid(f"{value!r} is not a valid e-mail address ({err})") from None


described(email, widget="string", pattern=(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "an e-mail address, e.g. beratung@example.org"))


def url(value: Any) -> str:
    """A web address as a browser reads it (model/webaddress.py): https, a host, nothing rewritten."""
    try:
        return webaddress.parse(value).href
    except webaddress.AddressError as err:
        raise Invalid(str(err)) from None


described(url, widget="string", pattern=(r"^https://\S+$", "a web address starting with https://"))


def phone(value: Any) -> Phone:
    raw = str(value).strip() if isinstance(value, (str, int)) else ""
    try:
        number = phonenumbers.parse(raw, "DE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise Invalid(
            f"{value!r} is not a valid phone number; write it in international form, e.g. +49 6232 100 1000"
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    display = " ".join(raw.split()) if raw.startswith("+") else phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return Phone(display=display, e164=e164)


described(phone, widget="string", pattern=(r"^\+[1-9][0-9]{0,3}(?: ?[0-9]){6,14}$",
                                           "in international form with + and country code, e.g. +49 6232 100 1000"))


_NOT_COUNTRIES = {"ZZ", "QO", "EU", "EZ", "UN"}
COUNTRY_CODES = frozenset(
    code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)


def country(value: Any) -> str:
    if isinstance(value, str) and value.strip().upper() == value.strip() and value.strip() in COUNTRY_CODES:
        return value.strip()
    raise Invalid(f"{value!r} is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. IQ, AF, TR)")


described(country, widget="select", options=sorted(COUNTRY_CODES))


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def language_code(value: Any) -> str:
    if isinstance(value, str) and LANGUAGE_CODE.fullmatch(value):
        try:
            Locale.parse(value)
            return value
        except (ValueError, LookupError):
            pass
    raise Invalid(f"{value!r} is not an ISO 639 language code (lower case, e.g. de, ar, fa, ku)")


described(language_code, widget="string", pattern=(f"^{LANGUAGE_CODE.pattern}$", "an ISO 639 language code in lower case, e.g. de, ar, fa, ku"))


def one_of(*choices: str) -> Validator:
    def check(value: Any) -> str:
        if value in choices:
            return value
        raise Invalid(f"{value!r} is not allowed; use one of: {', '.join(choices)}")

    return described(check, widget="select", options=list(choices))


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"{value!r} must be true or false")


described(boolean, widget="boolean")


def number_between(low: float, high: float) -> Validator:
    def check(value: Any) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high:
            return float(value)
        raise Invalid(f"{value!r} must be a number from {low} to {high}")

    return described(check, widget="number", min=low, max=high)


def list_of(item: Validator, min_items: int = 0) -> Validator:
    def check(value: Any) -> list:
        if not isinstance(value, list):
            raise Invalid("must be a list (one '- item' per line)")
        if len(value) < min_items:
            raise Invalid(f"needs at least {min_items} item(s)")
        out = []
        for i, entry in enumerate(value, 1):
            try:
                out.append(item(entry))
            except Invalid as err:
                raise Invalid(f"item {i}: {err}") from None
        return out

    return described(check, item=item, min=min_items)


def rule(validate: Validator, *, required: bool = False, neutral: bool = False, default: Any = None) -> Any:
    """A field of a record (a dataclass of model/values.py): its type is the class's annotation,
    its validator and rules are kept in the field's metadata, where `record()` (and anything that
    describes the schema, e.g. a form) reads them."""
    spec = Field(validate, required, neutral, default)
    if isinstance(default, (list, dict)):
        return dataclasses.field(default_factory=lambda: copy.copy(default), metadata={"rule": spec})
    return dataclasses.field(default=default, metadata={"rule": spec})


def rules(cls: type) -> dict[str, Field]:
    """The fields of a record class with their rules, in the order they are declared."""
    return {item.name: item.metadata["rule"] for item in dataclasses.fields(cls) if "rule" in item.metadata}


def record(cls: type) -> Validator:
    """A nested mapping validated field by field into an instance of the record class `cls`."""
    check = mapping(rules(cls))

    def build(value: Any) -> Any:
        return cls(**check(value))

    return described(build, record=cls)


def mapping(fields: dict[str, Field]) -> Validator:
    """A nested mapping with its own known keys."""

    def check(value: Any) -> dict:
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping with the keys {', '.join(fields)}")
        unknown = sorted(set(value) - set(fields))
        if unknown:
            raise Invalid(f"unknown key {unknown[0]!r}; allowed keys: {', '.join(fields)}")
        out = {}
        for name, spec in fields.items():
            if name not in value:
                if spec.required:
                    raise Invalid(f"missing key {name!r}")
                out[name] = spec.default
                continue
            try:
                out[name] = spec.validate(value[name])
            except Invalid as err:
                raise Invalid(f"{name}: {err}") from None
        return out

    return described(check, fields=fields)


PAGE_PATH = re.compile(r"[a-z0-9][a-z0-9/_-]*\.md")


def page_path(value: Any) -> str:
    """A page's path below docs/<lang>/, e.g. programmes/reag.md."""
    if not isinstance(value, str) or not PAGE_PATH.fullmatch(value) or "//" in value:
        raise Invalid(f"{value!r} is not a page path; write it as below docs/<lang>/, e.g. programmes/reag.md")
    return value


described(page_path, widget="string", pattern=(f"^{PAGE_PATH.pattern}$", "a page's path below docs/<lang>/, e.g. programmes/reag.md"))


SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,40}")


def source_id(value: Any) -> str:
    if isinstance(value, str) and SOURCE_ID.fullmatch(value.strip()):
        return value.strip()
    raise Invalid(f"{value!r} is not a source id; write the `id:` of one of the page's sources (a-z, 0-9, -)")


described(source_id, widget="string", pattern=(f"^{SOURCE_ID.pattern}$", "the id of one of the page's sources (a-z, 0-9, -)"))


def public_url(value: Any) -> str:
    """A public web address: url(), with a host name with a dot, no IP address, no local host."""
    try:
        return webaddress.public(value).href
    except webaddress.AddressError as err:
        raise Invalid(str(err)) from None


described(public_url, widget="string", pattern=(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", "a public web address starting with https://"))


def domain(value: Any) -> str:
    """A domain an organisation publishes on (bamf.de), as the host of an address shows it."""
    try:
        return webaddress.domain(value)
    except webaddress.AddressError as err:
        raise Invalid(str(err)) from None
