"""Adding a language follows the README's checklist ("Adding a language"), tried here on a copy
of the project with the fixture content: one more language, right-to-left, with two pages. It
builds; its missing pages fall back to German with the notice; coverage reports it; its new
catalogue is empty and the interface shows German until it is translated."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, TODAY, make_tree, run_cli

pytestmark = pytest.mark.slow  # builds a site

URDU = '''        Language(
            code="ur",
            tag="ur",
            name="اردو",
            english_name="Urdu",
            direction="rtl",
            fonts=ARABIC_SCRIPT_FONTS,
            no_italics=True,
            babel_locale="ur_PK",
            og_locale="ur_PK",
            digits="۰۱۲۳۴۵۶۷۸۹",
            small_text="0.72rem",
        ),
    )
}'''

PAGES = {
    "index.md": "---\ntitle: صفحۂ اول\ndescription: جانچ کے لیے ایک چھوٹا صفحہ۔\nupdated: 2026-11-01\ntranslation: {by: translator, reviewed: false}\ncontacts:\n  - hotline\n---\n\n"
                "# صفحۂ اول\n\nہمیں کال کریں: [+49 6232 100 1000](tel:+4962321001000).\n",
    "programmes/reag.md": "---\ntype: programme\ntitle: ایک پروگرام\ndescription: جانچ کے لیے ایک پروگرام۔\nupdated: 2026-01-01\ntranslation: {by: translator, reviewed: false}\n---\n\n"
                          "# ایک پروگرام\n\n## اخراجات {#costs}\n\nمتن۔\n\n## کون درخواست دے سکتا ہے {#who-can-apply}\n\nمتن۔\n"
                          "\n## روانگی کا مطلب {#consequences}\n\nمتن۔\n\n## منظوری کے بعد {#after-approval}\n\nمتن۔\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project, its content the fixture tree, with Urdu added by the checklist."""
    root = tmp_path_factory.mktemp("fifth") / "project"
    make_tree(root)
    for name in ("returnguide", "overrides", "deploy"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "materials" / "print", root / "materials" / "print")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    # the build's npm tools (PurgeCSS, lightningcss), as make setup installs them beside the project
    (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    # 1. The registry: one entry.
    registry = root / "returnguide" / "model" / "languages.py"
    text = registry.read_text(encoding="utf-8")
    assert text.count("\n    )\n}") == 1
    registry.write_text(text.replace("\n    )\n}", "\n" + URDU, 1), encoding="utf-8")
    # 2. The glossary: the language's forms of each term (here the English ones, for the test).
    glossary = root / "materials" / "glossary.yml"
    lines = glossary.read_text(encoding="utf-8").splitlines()
    glossary.write_text("\n".join(line + "\n" + line.replace("  en:", "  ur:", 1) if line.startswith("  en:") else line
                                  for line in lines) + "\n", encoding="utf-8")
    # 3. The server's rules: the language's folder (its 404 page, the finder without JavaScript).
    rules = root / "deploy" / "nginx.conf"
    rules.write_text(rules.read_text(encoding="utf-8").replace("|ru)", "|ru|ur)"), encoding="utf-8")
    # 4. The catalogue: `make strings` starts it.
    strings = subprocess.run([sys.executable, "-m", "returnguide", "strings"], cwd=root, capture_output=True, text=True)
    assert strings.returncode == 0, strings.stderr
    # 5. The pages translated so far.
    for rel, text in PAGES.items():
        (root / "docs" / "ur" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / "ur" / rel).write_text(text, encoding="utf-8")
    return root


def test_make_strings_starts_an_empty_catalogue(project):
    po = (project / "returnguide" / "locales" / "ur" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert 'msgid "Anrufen"\nmsgstr ""' in po
    assert '"Language: ur' in po


def test_check_reports_coverage_and_the_strings_to_translate(project):
    result = run_cli("check", "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "  ur  Urdu       2/4    50.0%  missing: 2" in result.stdout, result.stdout
    assert "returnguide/locales/ur/LC_MESSAGES/messages.po:" in result.stdout
    assert ": warning: interface string not translated: 'Anrufen'" in result.stdout


def test_the_build_names_the_server_rule_that_lacks_the_language(project, tmp_path):
    rules = project / "deploy" / "nginx.conf"
    complete = rules.read_text(encoding="utf-8")
    try:
        rules.write_text(complete.replace("|ru|ur)", "|ru)"), encoding="utf-8")
        result = run_cli("build", "--site-dir", str(tmp_path / "site"), "--today", TODAY, cwd=project)
    finally:
        rules.write_text(complete, encoding="utf-8")
    assert result.returncode != 0
    assert "deploy/nginx.conf" in result.stdout + result.stderr and "lacks ur" in result.stdout + result.stderr


def test_it_builds_right_to_left_with_fallbacks_and_german_strings(project, tmp_path, fixture_cache):
    site = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(site), "--today", TODAY, "--cache-dir", str(fixture_cache), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (site / "ur" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ur"' in home and 'dir="rtl"' in home
    assert "صفحۂ اول" in home
    assert "Anrufen" in home  # the interface string, not yet translated, in German
    fallback = (site / "ur" / "locations" / "hotline" / "index.html").read_text(encoding="utf-8")
    assert "Diese Seite ist noch nicht übersetzt." in fallback
    assert '<div lang="de" dir="ltr">' in fallback
    assert (site / "search" / "ur.json").is_file()
    assert 'hreflang="ur"' in (site / "index.html").read_text(encoding="utf-8")
