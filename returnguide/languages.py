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
    # Letters of another orthography that must not appear, with the right one.
    wrong_letters: dict[str, str] = field(default_factory=dict)

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
    "draft_label",
    "sources",
    "call",
    "write_email",
    "contact",
    "opening_hours",
    "appointment_only",
    "temporarily_closed",
    "kind_reception-centre-office",
    "kind_hotline",
    "kind_mobile",
    "kind_specialised-centre",
    "kind_office",
    "service_return-counselling",
    "service_reintegration-counselling",
    "service_reag-garp-application",
    "service_referral",
    "service_virtual-counselling",
    "services",
    "languages_spoken",
    "step_free",
    "step_free_yes",
    "step_free_no",
    "step_free_unknown",
    "open_in_maps",
    "open_street_map",
    "save_contact",
    "reached_via",
    "serves_statewide",
    "serves",
    "finder",
    "finder_intro",
    "all_locations",
    "district",
    "city",
    "on_site",
    "mobile_on_request",
    "always_reachable",
    "assisted_return_suspended",
    "assisted_return_limited",
    "assisted_return_unknown",
    "more_info",
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
                "draft_label": "Entwurf",
                "sources": "Quellen",
                "call": "Anrufen",
                "write_email": "E-Mail schreiben",
                "contact": "Kontakt",
                "opening_hours": "Erreichbarkeit",
                "appointment_only": "Nur nach Terminvereinbarung",
                "temporarily_closed": "Vorübergehend geschlossen",
                "kind_reception-centre-office": "Beratung in einer Aufnahmeeinrichtung",
                "kind_hotline": "Hotline",
                "kind_mobile": "Mobile Beratung",
                "kind_specialised-centre": "Fachstelle",
                "kind_office": "Beratungsstelle",
                "service_return-counselling": "Rückkehrberatung",
                "service_reintegration-counselling": "Reintegrationsberatung",
                "service_reag-garp-application": "Antrag REAG/GARP",
                "service_referral": "Verweisberatung",
                "service_virtual-counselling": "Virtual Counselling",
                "services": "Angebote",
                "languages_spoken": "Sprachen",
                "step_free": "Stufenloser Zugang",
                "step_free_yes": "ja",
                "step_free_no": "nein",
                "step_free_unknown": "noch nicht bekannt",
                "open_in_maps": "In der Karten-App öffnen",
                "open_street_map": "Auf OpenStreetMap zeigen",
                "save_contact": "Kontakt speichern (vCard)",
                "reached_via": "Erreichbar über: {name}",
                "serves_statewide": "Für ganz {state}",
                "serves": "Für",
                "finder": "Beratung nach Ort",
                "finder_intro": "Wählen Sie Ihren Landkreis oder Ihre Stadt.",
                "all_locations": "Alle Beratungsstellen",
                "district": "Landkreis",
                "city": "Stadt",
                "on_site": "Beratung vor Ort",
                "mobile_on_request": "Mobile Beratung auf Anfrage",
                "always_reachable": "Landesweit erreichbar",
                "assisted_return_suspended": "Eine geförderte Rückkehr in dieses Land ist derzeit ausgesetzt. Fragen Sie in der Beratung nach dem aktuellen Stand.",
                "assisted_return_limited": "Eine geförderte Rückkehr in dieses Land ist derzeit nur eingeschränkt möglich. Fragen Sie in der Beratung nach dem aktuellen Stand.",
                "assisted_return_unknown": "Ob eine geförderte Rückkehr in dieses Land derzeit möglich ist, ist auf dieser Seite nicht bestätigt. Fragen Sie in der Beratung.",
                "more_info": "Mehr erfahren",
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
                "draft_label": "draft",
                "sources": "Sources",
                "call": "Call",
                "write_email": "Send an e-mail",
                "contact": "Contact",
                "opening_hours": "Availability",
                "appointment_only": "By appointment only",
                "temporarily_closed": "Temporarily closed",
                "kind_reception-centre-office": "Counselling in a reception centre",
                "kind_hotline": "Hotline",
                "kind_mobile": "Mobile counselling",
                "kind_specialised-centre": "Specialised centre",
                "kind_office": "Counselling office",
                "service_return-counselling": "Return counselling",
                "service_reintegration-counselling": "Reintegration counselling",
                "service_reag-garp-application": "REAG/GARP application",
                "service_referral": "Referral to specialised services",
                "service_virtual-counselling": "Virtual Counselling",
                "services": "Services",
                "languages_spoken": "Languages",
                "step_free": "Step-free access",
                "step_free_yes": "yes",
                "step_free_no": "no",
                "step_free_unknown": "not known yet",
                "open_in_maps": "Open in your map app",
                "open_street_map": "Show on OpenStreetMap",
                "save_contact": "Save contact (vCard)",
                "reached_via": "Reached through: {name}",
                "serves_statewide": "For all of {state}",
                "serves": "For",
                "finder": "Counselling by place",
                "finder_intro": "Choose your district or town.",
                "all_locations": "All counselling locations",
                "district": "District",
                "city": "Town",
                "on_site": "Counselling on site",
                "mobile_on_request": "Mobile counselling on request",
                "always_reachable": "Reachable from the whole state",
                "assisted_return_suspended": "Assisted return to this country is currently suspended. Ask your counselling office about the current situation.",
                "assisted_return_limited": "Assisted return to this country is currently only possible to a limited extent. Ask your counselling office about the current situation.",
                "assisted_return_unknown": "This page does not confirm whether assisted return to this country is currently possible. Ask your counselling office.",
                "more_info": "Learn more",
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
                "draft_label": "مسودة",
                "sources": "المصادر",
                "call": "اتصل",
                "write_email": "أرسل بريدًا إلكترونيًا",
                "contact": "التواصل",
                "opening_hours": "أوقات التواصل",
                "appointment_only": "بموعد مسبق فقط",
                "temporarily_closed": "مغلق مؤقتًا",
                "kind_reception-centre-office": "استشارة في مركز استقبال",
                "kind_hotline": "الخط الساخن",
                "kind_mobile": "استشارة متنقلة",
                "kind_specialised-centre": "جهة متخصصة",
                "kind_office": "مكتب استشارة",
                "service_return-counselling": "استشارات العودة",
                "service_reintegration-counselling": "استشارات إعادة الاندماج",
                "service_reag-garp-application": "طلب REAG/GARP",
                "service_referral": "الإحالة إلى جهات متخصصة",
                "service_virtual-counselling": "الاستشارة الافتراضية (Virtual Counselling)",
                "services": "الخدمات",
                "languages_spoken": "اللغات",
                "step_free": "مدخل بدون درج",
                "step_free_yes": "نعم",
                "step_free_no": "لا",
                "step_free_unknown": "غير معروف بعد",
                "open_in_maps": "افتح في تطبيق الخرائط",
                "open_street_map": "اعرض على OpenStreetMap",
                "save_contact": "احفظ جهة الاتصال (vCard)",
                "reached_via": "التواصل عبر: {name}",
                "serves_statewide": "لكل ولاية {state}",
                "serves": "لـ",
                "finder": "الاستشارة حسب المكان",
                "finder_intro": "اختاروا منطقتكم أو مدينتكم.",
                "all_locations": "كل أماكن الاستشارة",
                "district": "منطقة",
                "city": "مدينة",
                "on_site": "استشارة في المكان",
                "mobile_on_request": "استشارة متنقلة عند الطلب",
                "always_reachable": "متاح في كل الولاية",
                "assisted_return_suspended": "العودة المدعومة إلى هذا البلد متوقفة حاليًا. اسألوا في الاستشارة عن الوضع الحالي.",
                "assisted_return_limited": "العودة المدعومة إلى هذا البلد ممكنة حاليًا بشكل محدود فقط. اسألوا في الاستشارة عن الوضع الحالي.",
                "assisted_return_unknown": "هذه الصفحة لا تؤكد إن كانت العودة المدعومة إلى هذا البلد ممكنة حاليًا. اسألوا في الاستشارة.",
                "more_info": "اعرفوا المزيد",
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
            wrong_letters={"ي": "ی", "ك": "ک"},  # Arabic yeh and kaf; Persian writes ی and ک
            strings={
                "as_of": "آخرین بازبینی: {date}",
                "not_translated": "این صفحه هنوز ترجمه نشده است. متن آلمانی نمایش داده می‌شود.",
                "translation_outdated": "نسخهٔ آلمانی این صفحه از این ترجمه جدیدتر است.",
                "draft": "پیش‌نویس: این اطلاعات هنوز تأیید نشده است.",
                "draft_label": "پیش‌نویس",
                "sources": "منابع",
                "call": "تماس",
                "write_email": "ارسال ایمیل",
                "contact": "تماس با ما",
                "opening_hours": "زمان دسترسی",
                "appointment_only": "فقط با تعیین وقت قبلی",
                "temporarily_closed": "موقتاً بسته است",
                "kind_reception-centre-office": "مشاوره در مرکز پذیرش",
                "kind_hotline": "خط تلفن",
                "kind_mobile": "مشاورهٔ سیار",
                "kind_specialised-centre": "مرکز تخصصی",
                "kind_office": "دفتر مشاوره",
                "service_return-counselling": "مشاورهٔ بازگشت",
                "service_reintegration-counselling": "مشاورهٔ ادغام مجدد",
                "service_reag-garp-application": "درخواست REAG/GARP",
                "service_referral": "معرفی به مراکز تخصصی",
                "service_virtual-counselling": "مشاورهٔ مجازی (Virtual Counselling)",
                "services": "خدمات",
                "languages_spoken": "زبان‌ها",
                "step_free": "ورودی بدون پله",
                "step_free_yes": "بله",
                "step_free_no": "خیر",
                "step_free_unknown": "هنوز معلوم نیست",
                "open_in_maps": "باز کردن در برنامهٔ نقشه",
                "open_street_map": "نمایش در OpenStreetMap",
                "save_contact": "ذخیرهٔ تماس (vCard)",
                "reached_via": "دسترسی از طریق: {name}",
                "serves_statewide": "برای کل ایالت {state}",
                "serves": "برای",
                "finder": "مشاوره بر اساس محل",
                "finder_intro": "شهرستان یا شهر خود را انتخاب کنید.",
                "all_locations": "همهٔ مراکز مشاوره",
                "district": "شهرستان",
                "city": "شهر",
                "on_site": "مشاوره در محل",
                "mobile_on_request": "مشاورهٔ سیار در صورت درخواست",
                "always_reachable": "قابل دسترس در کل ایالت",
                "assisted_return_suspended": "بازگشت با حمایت مالی به این کشور در حال حاضر متوقف است. دربارهٔ وضعیت فعلی در مشاوره بپرسید.",
                "assisted_return_limited": "بازگشت با حمایت مالی به این کشور در حال حاضر فقط به طور محدود ممکن است. دربارهٔ وضعیت فعلی در مشاوره بپرسید.",
                "assisted_return_unknown": "این صفحه تأیید نمی‌کند که بازگشت با حمایت مالی به این کشور در حال حاضر ممکن است یا نه. در مشاوره بپرسید.",
                "more_info": "اطلاعات بیشتر",
            },
        ),
    )
}

DEFAULT_LANGUAGE = "de"


def get(code: str) -> Language:
    return LANGUAGES[code]
