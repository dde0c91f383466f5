"""Web addresses of other sites (sources, organisations, events), read the way a browser reads
them: with a parser of the WHATWG URL Standard (ada-url), not Python's urllib. The two disagree
on backslashes, percent-encoded dots, full-width letters, numeric hosts and more: an address
that urllib reads as the publisher's could lead a browser elsewhere.

The rule, the same for every URL field: https, a host, no user name or password, no port, and
written exactly as a browser writes it back (no backslash, no white space or control character,
no letter the parser changes: upper case, full-width or look-alike letters, percent-encoding in
the host). Then the host the address shows is the host a browser visits, and the
publisher-domain rule (organisations.Organisation.publishes) is judged on that host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ada_url
import idna

# Top-level names that never reach the public internet.
PRIVATE_SUFFIXES = (".local", ".localhost", ".internal", ".example", ".invalid", ".test", ".lan", ".home.arpa")
_NUMERIC_HOST = re.compile(r"[\d.]+|\[.*\]")
# ASCII white space, controls and the backslash: a browser drops or rewrites each.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_REWRITTEN = re.compile(r"[\x00-\x20\x7f\\]")
# What comes between "https://" and the path, query or fragment (a backslash is refused before).
_AUTHORITY = re.compile(r"https://([^/?#]*)", re.I)
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


class AddressError(ValueError):
    """An address the rule refuses; the message says why and what to write."""


@dataclass(frozen=True)
class WebAddress:
    href: str  # as a browser writes it
    host: str  # the host a browser visits (lower case, punycode for international names)


def parse(value: object) -> WebAddress:
    """The address as a browser reads it, or AddressError: https, a host, nothing a browser rewrites."""
    # Leading and trailing C0 controls and spaces are what a browser strips too (and YAML already).
    written = value.strip(_C0_AND_SPACE) if isinstance(value, str) else ""
    if not written:
        raise AddressError(f"{value!r} is not a web address; write a full https:// address")
    shown = repr(written[:120])
    bad = _REWRITTEN.search(written)
    if bad:
        what = "a backslash" if bad.group() == "\\" else "a space" if bad.group() == " " else f"the control character U+{ord(bad.group()):04X}"
        raise AddressError(f"{shown} contains {what}, which a browser drops or reads as another character; "
                           "copy the address from the browser's address bar")
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", written):
        raise AddressError(f"{shown} is not a web address; write the full https:// address of the page")
    if not written.lower().startswith("https://"):
        raise AddressError(f"{shown} is not an https:// address; write the https:// address of the page")
    try:
        url = ada_url.URL(written)
    except ValueError:
        raise AddressError(f"{shown} is not an address a browser can open; copy it from the browser's address bar") from None
    authority = _AUTHORITY.match(written).group(1)
    if url.username or url.password or "@" in authority:
        raise AddressError(f"{shown} carries a user name or password before '@': a reader would see one host and visit "
                           f"another; write the address without it")
    if url.port or ":" in authority.rsplit("]", 1)[-1]:
        raise AddressError(f"{shown} names a port; write the address without ':…' after the host")
    href = url.href
    if href != written and href != written + "/":
        raise AddressError(f"{shown} is not written as a browser writes it: a browser reads it as {href!r}; write that "
                           "(lower-case scheme and host, an international name in its xn-- form, other characters percent-encoded)")
    return WebAddress(href, url.hostname)


def public(value: object) -> WebAddress:
    """parse(), and a host on the public internet: a name with a dot, no IP address, no local name."""
    address = parse(value)
    host = address.host
    if ("." not in host or host.endswith(".") or host.endswith(PRIVATE_SUFFIXES) or _NUMERIC_HOST.fullmatch(host)
            or not all(_real_label(label) for label in host.split("."))):
        raise AddressError(f"{address.href!r} is not a public web address; cite the public page the fact comes from")
    return address


def _real_label(label: str) -> bool:
    """A label of a name on the internet: not empty (".de"), and an international label (xn--…)
    a valid IDNA A-label: its Punycode decodes to a name of permitted letters that encodes back
    to the same label ("xn--", "xn--b" and "xn--example", which decodes to capitals, do not;
    browsers refuse them). Stricter than browsers for symbols such as emoji, which no publisher
    of a source uses."""
    if not label:
        return False
    if label.startswith("xn--"):
        try:
            return idna.alabel(idna.ulabel(label)).decode("ascii") == label
        except (idna.IDNAError, UnicodeError):
            return False
    return True


def host(value: str) -> str:
    """The host a browser visits for an address ('' if it is none)."""
    try:
        return ada_url.URL(value).hostname
    except ValueError:
        return ""


def domain(value: object) -> str:
    """A domain an organisation publishes on (`bamf.de`): lower-case ASCII labels joined by dots,
    as the host of an address shows it."""
    if isinstance(value, str) and "." in value and all(_DOMAIN_LABEL.fullmatch(label) for label in value.split(".")):
        if host(f"https://{value}/") == value:
            return value
    raise AddressError(f"{value!r} is not a domain; write it as the host of an address shows it, e.g. bamf.de "
                       "(lower case, an international name in its xn-- form)")
