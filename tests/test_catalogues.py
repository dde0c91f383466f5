"""Interface strings live in gettext catalogues (returnguide/locales), German the source: the
template lists every string the code and templates use, every shipped language translates all of
them, `make check` names a missing or fuzzy one with file and line, and mkdocs.yml takes its
languages and site names from the registry and the catalogues."""

from __future__ import annotations

import io
import shutil

from babel.messages.pofile import read_po, write_po

from conftest import ROOT, TODAY, run_cli
from returnguide.checks.interface_strings import untranslated
from returnguide.model import catalogues
from returnguide.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from returnguide.site.i18n import I18N
from returnguide.tools import extract_strings


def test_the_template_holds_exactly_the_strings_in_use():
    used = {m.id for m in extract_strings.extract(ROOT) if m.id}
    committed = {m.id for m in catalogues.read(catalogues.template_path()) if m.id}
    assert used == committed, "run `make strings` and commit returnguide/locales"
    assert len(used) > 80


def test_every_shipped_language_translates_every_string():
    assert untranslated() == []
    for code in LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            assert LANGUAGES[code].t("Anrufen") != "Anrufen", code
            assert "{date}" in catalogues.translations(code).gettext("Stand: {date}"), code


def test_a_missing_or_fuzzy_string_is_named_with_file_and_line(tmp_path):
    locales = tmp_path / "locales"
    shutil.copytree(catalogues.locales_dir(), locales)
    path = locales / "fa" / "LC_MESSAGES" / "messages.po"
    catalogue = read_po(path.open("rb"), locale="fa")
    catalogue["Anrufen"].flags.add("fuzzy")
    catalogue.delete("Kontakt")
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=100, sort_output=True)
    path.write_bytes(buffer.getvalue())
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = untranslated(locales)
    assert {p.severity for p in problems} == {"warning"}
    fuzzy = [p for p in problems if "'Anrufen'" in p.message]
    assert fuzzy and "fuzzy" in fuzzy[0].message and fuzzy[0].path.endswith("fa/LC_MESSAGES/messages.po")
    assert lines[fuzzy[0].line - 1] == 'msgid "Anrufen"'
    assert [p for p in problems if "'Kontakt'" in p.message and "missing" in p.message]


def test_check_reports_untranslated_strings_as_warnings():
    result = run_cli("check", "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert "interface string" not in result.stdout


def test_mkdocs_yml_takes_the_languages_from_the_registry():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "languages: !!python/name:returnguide.site.i18n.I18N" in text
    assert "site_name: !!python/name:returnguide.site.i18n.SITE_NAME" in text
    for code in LANGUAGES:
        assert f"locale: {code}" not in text, "the language list is written once, in the registry"
    assert [e["locale"] for e in I18N] == list(LANGUAGES)
    assert [e["locale"] for e in I18N if e.get("default")] == [DEFAULT_LANGUAGE]
    fa = next(e for e in I18N if e["locale"] == "fa")
    assert fa["site_name"] == "مشاورهٔ بازگشت – مستقل و محرمانه"
