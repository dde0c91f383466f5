"""The language registry: the one place that knows which languages the site has and how
each is written (direction, fonts, italics, digits). The interface strings are gettext
catalogues (returnguide/locales, German the source), read through `Language.t`. Templates,
checks and mkdocs.yml (through site/i18n.py) ask this module; nobody writes
`if lang in ("ar", "fa")`. Adding a language: README, "Adding a language".
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from babel import Locale

from . import catalogues

# Font families, named once. The same names serve the web pages (as a CSS stack,
# falling back to the fonts phones already carry) and the PDFs (WeasyPrint finds
# them through fontconfig; scripts/setup.sh installs Debian's fonts-noto-core).
LATIN_FONTS = ("Noto Sans", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Arial", "sans-serif")
ARABIC_SCRIPT_FONTS = ("Noto Naskh Arabic", "Noto Sans Arabic", "system-ui", "Tahoma", "sans-serif")


@dataclass(frozen=True)
class Language:
    code: str  # folder name under docs/ and URL prefix
    tag: str  # BCP 47 tag for lang= and hreflang
    name: str  # native name, shown in the language switcher
    english_name: str
    direction: str  # "ltr" or "rtl"
    fonts: tuple[str, ...]
    no_italics: bool  # Arabic script has no italics; emphasis is bold instead
    babel_locale: str
    og_locale: str  # Open Graph's language_TERRITORY form, for share previews
    # Digits for counts, dates and page numbers (CLDR's numbering system for the readers' locale);
    # phone numbers, postcodes and amounts keep Latin digits, as on letters and phones.
    digits: str = "0123456789"
    # The comma between the parts of a phrase (a source's title and its date, a list of countries).
    comma: str = ", "
    # Letters of another orthography that must not appear, with the right one.
    wrong_letters: dict[str, str] = field(default_factory=dict)
    # The script its interface is written in (ISO 15924: Latn, Arab, Cyrl): the interface crawl
    # looks for Latin words on a page of another script.
    script: str = "Latn"
    # Search and the glossary check find a word's inflected forms by its stem: the Snowball
    # algorithm of an inflected language (Python's snowballstemmer at check time, the JavaScript
    # that Snowball generates from the same source in the browser). None: the folded word itself.
    stemmer: str | None = None
    # Places are shown by their German names as they are, as on the signs (a Latin-script language
    # whose readers need no transliteration: Turkish); materials/place-names.yml needs no entry for it.
    german_place_names: bool = False
    # The order of its letters where it is not the order of their code points (lists of names are
    # sorted by it, model/text.py's sort_key): Turkish ç after c and ı before i, Persian پ after ب
    # and گ after ک. Empty: letters in code-point order, each with its marks as the bare letter
    # (German ä as a, DIN 5007-1; Russian ё as е; Arabic أ as ا).
    alphabet: str = ""
    # Small print (a fact's source, the list of sources, the share box) where its script is hard to
    # read at Material's 0.64rem (12.8 px on a phone): Arabic script, whose letters sit lower.
    small_text: str | None = None

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def font_stack(self) -> str:
        """The families as a CSS font-family value."""
        return ", ".join(f'"{f}"' if " " in f else f for f in self.fonts)

    @property
    def counter_style(self) -> str:
        """The CSS counter style that writes this language's digits (page numbers in print)."""
        return {"۰۱۲۳۴۵۶۷۸۹": "persian", "٠١٢٣٤٥٦٧٨٩": "arabic-indic"}.get(self.digits, "decimal")

    @property
    def list_separator(self) -> str:
        """What CLDR puts between the items of a list in this language (Arabic joins them with و)."""
        middle = Locale.parse(self.babel_locale).list_patterns["standard"]["middle"]
        return middle.replace("{0}", "").replace("{1}", "")

    def name_of(self, code: str) -> str:
        """Another language's name in this one (CLDR): "de" is "German" in English, "آلمانی" in Persian."""
        return Locale.parse(code).get_display_name(self.babel_locale) or code

    def lower(self, text: str) -> str:
        """Lower case by this language's rules: Turkish and Azerbaijani write I/ı and İ/i as two
        letters (Unicode SpecialCasing), as JavaScript's toLocaleLowerCase(tag) does."""
        if self.tag.split("-")[0] in ("tr", "az"):
            text = text.replace("I\u0307", "i").replace("I", "ı").replace("İ", "i")
        return text.lower()

    def localise_digits(self, text: str) -> str:
        return text.translate(str.maketrans("0123456789", self.digits))

    @property
    def translations(self) -> gettext.NullTranslations:
        """The interface strings of this language (returnguide/locales/<code>/LC_MESSAGES/messages.po);
        German, the source, needs none. A string not translated yet shows in German."""
        return catalogues.translations(self.code) if self.code != DEFAULT_LANGUAGE else gettext.NullTranslations()

    def t(self, message: str, **values: str) -> str:
        """An interface string (its German message id) in this language, {placeholders} filled in."""
        return self.translations.gettext(message).format(**values)

    def n(self, singular: str, plural: str, count: int, **values: str) -> str:
        """A count with the plural form of this language (CLDR rules, via the catalogue's header);
        {count} is written in this language's digits."""
        return self.translations.ngettext(singular, plural, count).format(count=self.localise_digits(str(count)), **values)


def N_(message: str) -> str:
    """Marks a German message id for `make strings` where the text is looked up later (lang.t)."""
    return message


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language(
            code="de",
            tag="de",
            name="Deutsch",
            english_name="German",
            direction="ltr",
            fonts=LATIN_FONTS,
            no_italics=False,
            babel_locale="de_DE",
            og_locale="de_DE",
        ),
        Language(
            code="en",
            tag="en",
            name="English",
            english_name="English",
            direction="ltr",
            fonts=LATIN_FONTS,
            no_italics=False,
            babel_locale="en_GB",
            og_locale="en_GB",
        ),
        Language(
            code="ar",
            tag="ar",
            name="العربية",
            english_name="Arabic",
            direction="rtl",
            fonts=ARABIC_SCRIPT_FONTS,
            no_italics=True,
            babel_locale="ar",
            og_locale="ar_AR",
            # Arabic-Indic digits, as CLDR writes numbers for Syria and Iraq (ar_SY, ar_IQ), where
            # most readers come from; CLDR's plain `ar` (Maghreb usage) would give Latin digits.
            digits="٠١٢٣٤٥٦٧٨٩",
            comma="، ",
            script="Arab",
            small_text="0.72rem",  # 14.4 px
        ),
        Language(
            code="fa",
            tag="fa",
            name="فارسی",
            english_name="Persian",
            direction="rtl",
            fonts=ARABIC_SCRIPT_FONTS,
            no_italics=True,
            babel_locale="fa",
            og_locale="fa_IR",
            digits="۰۱۲۳۴۵۶۷۸۹",
            comma="، ",
            wrong_letters={"ي": "ی", "ك": "ک"},  # Arabic yeh and kaf; Persian writes ی and ک
            script="Arab",
            alphabet="ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
            small_text="0.72rem",  # 14.4 px
        ),
        Language(
            code="tr",
            tag="tr",
            name="Türkçe",
            english_name="Turkish",
            direction="ltr",
            fonts=LATIN_FONTS,
            no_italics=False,
            babel_locale="tr_TR",
            og_locale="tr_TR",
            stemmer="turkish",
            german_place_names=True,
            alphabet="abcçdefgğhıijklmnoöprsştuüvyz",
        ),
        Language(
            code="ru",
            tag="ru",
            name="Русский",
            english_name="Russian",
            direction="ltr",
            fonts=LATIN_FONTS,  # Noto Sans covers Cyrillic
            no_italics=False,
            babel_locale="ru_RU",
            og_locale="ru_RU",
            script="Cyrl",
            stemmer="russian",
        ),
    )
}

DEFAULT_LANGUAGE = "de"


def get(code: str) -> Language:
    return LANGUAGES[code]
