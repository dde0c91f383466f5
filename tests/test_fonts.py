"""The font families the language registry names are installed, so the PDFs (WeasyPrint,
through fontconfig) and the screenshots use them rather than a silent substitute."""

import subprocess

import pytest

from returnguide.model.languages import LANGUAGES


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_first_font_of_each_language_is_installed(code):
    family = LANGUAGES[code].fonts[0]
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    assert any(family in line.split(",") for line in installed.splitlines()), f"{family} missing: make setup installs fonts-noto-core"
