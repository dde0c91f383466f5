"""Web addresses are read as a browser reads them: a table of tricky addresses with the verdict
of the one URL rule (model/webaddress.py) and the host a browser visits, checked against an
independent WHATWG URL parser (Node's built-in URL) as well as against ada-url, the model's parser.
Python's urllib reads several of them differently: the publisher-domain rule used to trust it."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from returnguide.model import webaddress
from returnguide.model.organisations import Organisation

# address -> (accepted by the rule, the host a browser visits (None: it opens nothing),
#             words of the refusal, published by the organisation whose domain is bamf.de)
TABLE = {
    # plain ones
    "https://www.bamf.de/DE/Themen/Rueckkehr/rueckkehr-node.html": (True, "www.bamf.de", None, True),
    "https://bamf.de": (True, "bamf.de", None, True),  # a browser adds the final slash: accepted as https://bamf.de/
    "https://www.bamf.de/x?a=1&b=%C3%A4#teil": (True, "www.bamf.de", None, True),
    "https://bamf.de/a%20b": (True, "bamf.de", None, True),
    "http://www.bamf.de/": (False, "www.bamf.de", "not an https://", None),
    "javascript:alert(1)": (False, "", "not an https://", None),  # no host at all
    # user information: one host shown, another visited
    "https://www.bamf.de@example.net/": (False, "example.net", "user name or password", None),
    "https://www.bamf.de:pass@example.net/": (False, "example.net", "user name or password", None),
    "https://user@www.bamf.de/": (False, "www.bamf.de", "user name or password", None),
    # backslashes: urllib and a browser disagree on the host
    "https://example.net\\@www.bamf.de/": (False, "example.net", "backslash", None),
    "https://www.bamf.de\\@example.net/": (False, "www.bamf.de", "backslash", None),
    "https://example.net\\.bamf.de/": (False, "example.net", "backslash", None),
    # percent-encoded separators and letters in the host
    "https://www.bamf.de%2eexample.net/": (False, "www.bamf.de.example.net", "browser reads it as", None),
    "https://example.net%2f.bamf.de/": (False, None, "can open", None),
    "https://example.net%40www.bamf.de/": (False, None, "can open", None),
    "https://www%2ebamf.de/": (False, "www.bamf.de", "browser reads it as", None),
    # the query or fragment is no host
    "https://example.net/?@www.bamf.de/": (True, "example.net", None, False),
    "https://example.net/#@www.bamf.de/": (True, "example.net", None, False),
    "https://example.net#@www.bamf.de/": (False, "example.net", "browser reads it as", None),
    "https://example.net?@www.bamf.de/": (False, "example.net", "browser reads it as", None),
    # domains that end like the publisher's, or contain it
    "https://www.bamf.de.example.net/": (True, "www.bamf.de.example.net", None, False),
    "https://notbamf.de/": (True, "notbamf.de", None, False),
    "https://bamf.de./": (False, "bamf.de.", "not a public web address", None),
    # look-alike and full-width letters (IDN, NFKC)
    "https://www.bаmf.de/": (False, "www.xn--bmf-6cd.de", "browser reads it as", None),  # Cyrillic а
    "https://www.xn--bmf-6cd.de/": (True, "www.xn--bmf-6cd.de", None, False),  # the same, honest about it
    "https://ｗｗｗ.ｂａｍｆ.ｄｅ/": (False, "www.bamf.de", "browser reads it as", None),
    "https://www.BAMF.de/": (False, "www.bamf.de", "browser reads it as", None),
    "HTTPS://www.bamf.de/": (False, "www.bamf.de", "browser reads it as", None),
    # ports
    "https://www.bamf.de:443/": (False, "www.bamf.de", "port", None),
    "https://www.bamf.de:8443/": (False, "www.bamf.de", "port", None),
    "https://www.bamf.de:/": (False, "www.bamf.de", "port", None),
    # hosts that are no public names, and addresses a browser cannot open
    "https://[::1": (False, None, "can open", None),
    "https://[::1]/": (False, "[::1]", "not a public web address", None),
    "https://127.0.0.1/": (False, "127.0.0.1", "not a public web address", None),
    "https://0x7f.1/": (False, "127.0.0.1", "browser reads it as", None),
    "https://2130706433/": (False, "127.0.0.1", "browser reads it as", None),
    "https://localhost/": (False, "localhost", "not a public web address", None),
    "https://beratung.local/": (False, "beratung.local", "not a public web address", None),
    "https:bamf.de/": (False, "bamf.de", "not an https://", None),
    "https:///bamf.de/": (False, "bamf.de", "browser reads it as", None),
    "https://": (False, None, "can open", None),
    # white space and controls a browser drops
    "https://www.bamf.de/a b": (False, "www.bamf.de", "a space", None),
    "https://www.ba\tmf.de/": (False, "www.bamf.de", "control character U+0009", None),
    "https://www.bamf.de/\r\nx": (False, "www.bamf.de", "control character U+000D", None),
    # dot segments a browser resolves
    "https://www.bamf.de/a/../b": (False, "www.bamf.de", "browser reads it as", None),
    "https://www.bamf.de/%2e%2e/b": (False, "www.bamf.de", "browser reads it as", None),
}

BAMF = Organisation("bamf", {"de": "BAMF"}, ("de",), "authority", True, ("bamf.de",), "https://www.bamf.de/")


def node_parse(addresses: list[str]) -> list[dict]:
    """Each address through Node's URL (WHATWG): href and the parts, or the error."""
    node = shutil.which("node")
    assert node, "node is missing: run `make setup` (Debian's nodejs)"
    script = ("const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(input.map((u) => { try { const x = new URL(u);"
              " return { href: x.href, hostname: x.hostname, username: x.username, password: x.password, port: x.port }; }"
              " catch (e) { return { error: String(e.code || e) }; } })));")
    result = subprocess.run([node, "-e", script], input=json.dumps(addresses), capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def browser_reading() -> dict[str, dict]:
    return dict(zip(TABLE, node_parse(list(TABLE)), strict=True))


@pytest.mark.parametrize("address", list(TABLE))
def test_each_tricky_address_gets_its_verdict_and_the_host_a_browser_visits(address, browser_reading):
    accepted, host, words, published = TABLE[address]
    whatwg = browser_reading[address]
    # The table's host is the one a WHATWG parser finds (Node), and ada-url, the model's parser, agrees.
    assert whatwg.get("hostname") == host, whatwg
    assert webaddress.host(address) == (host or ""), address
    if accepted:
        parsed = webaddress.public(address)
        assert parsed.host == whatwg["hostname"] and parsed.href == whatwg["href"]
        assert whatwg["href"] in (address, address + "/"), "accepted only as a browser writes it back"
        assert not (whatwg["username"] or whatwg["password"] or whatwg["port"])
        assert BAMF.publishes(parsed.href) is published
    else:
        with pytest.raises(webaddress.AddressError) as refused:
            webaddress.public(address)
        assert words in str(refused.value), str(refused.value)
        # every refusal has a reason a browser shows: it cannot open it, rewrites it, carries
        # user information or a port, or it is no https address on a public host
        assert ("error" in whatwg or whatwg["href"] not in (address, address + "/") or whatwg["username"] or whatwg["port"]
                or not address.startswith("https://") or words == "not a public web address" or "port" in words), whatwg


@pytest.mark.parametrize("address", ["https://.xn--/", "https://a.xn--/", "https://xn--.de/", "https://xn--b.de/", "https://.de/", "https://xn--example.net/"])
def test_a_host_with_an_empty_or_undecodable_label_is_refused(address):
    """Found by the random test below: ada-url reads "https://.xn--" as a host, browsers (Node's
    URL) refuse it; a label must be there and an xn-- label must decode."""
    with pytest.raises(webaddress.AddressError, match="not a public web address"):
        webaddress.public(address)
    assert webaddress.public("https://xn--mnchen-3ya.de/").host == "xn--mnchen-3ya.de"


def test_urllib_and_a_browser_disagree_where_the_old_rule_trusted_urllib():
    """The publisher-domain rule once read the host with urllib, which sees www.bamf.de here; a
    browser visits example.net. Now the rule judges the host a browser visits."""
    address = "https://example.net\\@www.bamf.de/"
    assert urlsplit(address).hostname == "www.bamf.de"
    assert webaddress.host(address) == "example.net" == node_parse([address])[0]["hostname"]
    assert not BAMF.publishes(address)


@pytest.mark.parametrize("value, good", [
    ("bamf.de", True), ("www.returningfromgermany.de", True), ("xn--bmf-6cd.de", True),
    ("BAMF.de", False), ("bamf", False), ("bamf.de/", False), ("bamf.de:443", False), ("bаmf.de", False),
    ("-bamf.de", False), ("bamf..de", False), ("user@bamf.de", False), ("", False), (3, False),
])
def test_an_organisations_domains_are_written_as_hosts(value, good):
    if good:
        assert webaddress.domain(value) == value
    else:
        with pytest.raises(webaddress.AddressError):
            webaddress.domain(value)


# Random addresses built from the pieces that trip parsers up (also used by the fuzz tests of
# tests/test_safety.py, which put them into every URL field).
PIECES = st.sampled_from(["https://", "http://", "HTTPS://", "https:", "//", "https:///", "\\", "/", "@", ":", "::", "[", "]",
                          "%2e", "%2F", "%40", "%", ".", "..", "#", "?", " ", "\t", "\r", "\n", "\u3002", "ｅ", "а", "ß", "xn--",
                          "bamf.de", "www.", "example.net", "443", "0x7f", "1", "user", "ü", "\u202e", "\x00", "\u2028", "\x85", "\u3000", "\xa0", "＠", "／", "[::1"])
# Mostly plausible addresses (so that many pass the rule), with a tricky piece here and there.
_LABELS = st.sampled_from(["bamf", "de", "www", "example", "net", "org", "xn--bmf-6cd", "a-b", "1"] * 4
                          + ["ｅ", "а", "%2e", "0x7f", "BAMF", "", "-", "ß", "[", "[::1", "]", "＠", "／", "："])
_PATH = st.sampled_from(["a", "b", "x.html", "?q=1", "#f", "%20", "%C3%BC"] * 3 + ["..", ".", "%2e", "ü", "@", "\\", "%2F", ""])
_STRUCTURED = st.tuples(st.sampled_from(["https://"] * 6 + ["HTTPS://", "http://"]), st.sampled_from([""] * 6 + ["user@", "a:b@"]),
                        st.lists(_LABELS, min_size=1, max_size=4).map(".".join), st.sampled_from([""] * 6 + [":443", ":8080", ":"]),
                        st.sampled_from(["/", "/", "", "?", "#"]), st.lists(_PATH, max_size=3).map("/".join)).map("".join)
URLS = st.one_of(_STRUCTURED, _STRUCTURED, st.sampled_from(list(TABLE)), st.lists(PIECES, max_size=8).map("".join), st.text(max_size=30),
                 st.tuples(st.just("https://"), st.lists(PIECES, max_size=6).map("".join)).map("".join))


@pytest.mark.slow  # random addresses through Node's URL, ten runs (5 s); its finds stay as plain tests above
@settings(max_examples=10, deadline=None)
@given(addresses=st.lists(URLS, min_size=60, max_size=60))
def test_whatever_the_rule_accepts_a_browser_reads_alike(addresses):
    """Random addresses: each one the rule accepts, Node's WHATWG parser writes back the same
    (or with the final slash) and visits the same host; the rule never raises anything else."""
    readings = node_parse(addresses)
    for address, whatwg in zip(addresses, readings, strict=True):
        try:
            parsed = webaddress.public(address)
        except webaddress.AddressError:
            continue
        assert "error" not in whatwg, (address, whatwg)
        assert (parsed.href, parsed.host) == (whatwg["href"], whatwg["hostname"]), address
        written = address.strip("".join(map(chr, range(0x21))))
        assert whatwg["href"] in (written, written + "/")
        assert not (whatwg["username"] or whatwg["password"] or whatwg["port"])
