"""The language registry: the one place that knows which languages the site has,
how each is written (direction, fonts, italics) and the interface strings our own
templates need. Templates and checks ask this module; nobody writes
`if lang in ("ar", "fa")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    strings: dict[str, str] = field(default_factory=dict)
    # Digits for dates and page numbers; phone numbers and amounts keep Latin digits.
    digits: str = "0123456789"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def font_stack(self) -> str:
        """The families as a CSS font-family value."""
        return ", ".join(f'"{f}"' if " " in f else f for f in self.fonts)

    def localise_digits(self, text: str) -> str:
        return text.translate(str.maketrans("0123456789", self.digits))

    def t(self, key: str, **values: str) -> str:
        """An interface string, with {placeholders} filled in."""
        return self.strings[key].format(**values)


# Keys every language must translate (tests check the registry is complete).
STRING_KEYS = (
    "as_of",
    "not_translated",
    "translation_outdated",
    "draft",
    "sources",
    "call",
    "write_email",
    "contact",
    "opening_hours",
    "appointment_only",
    "temporarily_closed",
)

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
            strings={
                "as_of": "Stand: {date}",
                "not_translated": "Diese Seite ist noch nicht übersetzt. Sie sehen den deutschen Text.",
                "translation_outdated": "Die deutsche Fassung dieser Seite ist neuer als diese Übersetzung.",
                "draft": "Entwurf: Diese Angaben sind noch nicht bestätigt.",
                "sources": "Quellen",
                "call": "Anrufen",
                "write_email": "E-Mail schreiben",
                "contact": "Kontakt",
                "opening_hours": "Erreichbarkeit",
                "appointment_only": "Nur nach Terminvereinbarung",
                "temporarily_closed": "Vorübergehend geschlossen",
            },
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
            strings={
                "as_of": "As of {date}",
                "not_translated": "This page has not been translated yet. It is shown in German.",
                "translation_outdated": "The German version of this page is newer than this translation.",
                "draft": "Draft: this information has not been confirmed yet.",
                "sources": "Sources",
                "call": "Call",
                "write_email": "Send an e-mail",
                "contact": "Contact",
                "opening_hours": "Availability",
                "appointment_only": "By appointment only",
                "temporarily_closed": "Temporarily closed",
            },
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
            strings={
                "as_of": "آخر تحديث: {date}",
                "not_translated": "لم تُترجم هذه الصفحة بعد. يُعرض النص باللغة الألمانية.",
                "translation_outdated": "النسخة الألمانية من هذه الصفحة أحدث من هذه الترجمة.",
                "draft": "مسودة: لم يتم تأكيد هذه المعلومات بعد.",
                "sources": "المصادر",
                "call": "اتصل",
                "write_email": "أرسل بريدًا إلكترونيًا",
                "contact": "التواصل",
                "opening_hours": "أوقات التواصل",
                "appointment_only": "بموعد مسبق فقط",
                "temporarily_closed": "مغلق مؤقتًا",
            },
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
            digits="۰۱۲۳۴۵۶۷۸۹",
            strings={
                "as_of": "آخرین بازبینی: {date}",
                "not_translated": "این صفحه هنوز ترجمه نشده است. متن آلمانی نمایش داده می‌شود.",
                "translation_outdated": "نسخهٔ آلمانی این صفحه از این ترجمه جدیدتر است.",
                "draft": "پیش‌نویس: این اطلاعات هنوز تأیید نشده است.",
                "sources": "منابع",
                "call": "تماس",
                "write_email": "ارسال ایمیل",
                "contact": "تماس با ما",
                "opening_hours": "زمان دسترسی",
                "appointment_only": "فقط با تعیین وقت قبلی",
                "temporarily_closed": "موقتاً بسته است",
            },
        ),
    )
}

DEFAULT_LANGUAGE = "de"


def get(code: str) -> Language:
    return LANGUAGES[code]
