"""Labels of the values the schema allows, as German message ids of the interface catalogues
(returnguide/locales): `lang.t(labels.KINDS[kind])` says it in the reader's language."""

from __future__ import annotations

from .languages import N_, Language


def say(lang: Language, table: dict[str, str], value: str) -> str:
    """The label of a value in the reader's language: say(lang, KINDS, "hotline")."""
    return lang.t(table[value])

# What a counselling location is (`kind:`)
KINDS = {
    "reception-centre-office": N_("Beratung in einer Aufnahmeeinrichtung"),
    "hotline": N_("Hotline"),
    "mobile": N_("Mobile Beratung"),
    "specialised-centre": N_("Fachstelle"),
    "office": N_("Beratungsstelle"),
    "authority": N_("Behörde (keine unabhängige Beratung)"),
}

# What a location offers (`services:`)
SERVICES = {
    "return-counselling": N_("Rückkehrberatung"),
    "reintegration-counselling": N_("Reintegrationsberatung"),
    "reag-garp-application": N_("Antrag REAG/GARP"),
    "referral": N_("Verweisberatung"),
    "virtual-counselling": N_("Virtual Counselling"),
}

# Step-free access (`step_free:` yes, no; unknown when not stated)
STEP_FREE = {
    "yes": N_("ja"),
    "no": N_("nein"),
    "unknown": N_("noch nicht bekannt"),
}

# The notice above a fact sheet whose assisted return (`programme: assisted_return:`) is not `available`
ASSISTED_RETURN = {
    "suspended": N_("Eine geförderte Rückkehr in dieses Land ist derzeit ausgesetzt. Fragen Sie in der Beratung nach dem aktuellen Stand."),
    "limited": N_("Eine geförderte Rückkehr in dieses Land ist derzeit nur eingeschränkt möglich. Fragen Sie in der Beratung nach dem aktuellen Stand."),
}

# How a translation was made (`translation: by:`), said on every translated page and leaflet
# until a native speaker has reviewed it.
TRANSLATION_NOT_REVIEWED = {
    "machine-assisted": N_("Diese Übersetzung wurde maschinengestützt erstellt und noch nicht von einer Muttersprachlerin "
                           "oder einem Muttersprachler geprüft. Im Zweifel gilt die deutsche Fassung."),
    "translator": N_("Diese Übersetzung wurde noch nicht von einer zweiten Person mit dieser Muttersprache geprüft. "
                     "Im Zweifel gilt die deutsche Fassung."),
}

# The programme block of a country sheet: what each fact is called, and its values
PROGRAMME_FACTS = {
    "assisted_return": N_("Geförderte Rückkehr (REAG/GARP)"),
    "travel_allowance": N_("Reisebeihilfe"),
    "start_up_payment": N_("Einmalige Starthilfe"),
    "starthilfe_plus": N_("StarthilfePlus"),
    "eurp": N_("EU-Reintegrationsprogramm (EURP)"),
}
PROGRAMME_VALUES = {
    "assisted_return": {"available": N_("wird angeboten"), "limited": N_("eingeschränkt"), "suspended": N_("ausgesetzt")},
    "travel_allowance": {"full": N_("voller Betrag"), "reduced": N_("verminderter Betrag")},
    "start_up_payment": {"yes": N_("ja"), "reduced": N_("eingeschränkt"), "no": N_("nein")},
    "starthilfe_plus": {"regular": N_("ja, reguläre Leistungen"), "reduced": N_("ja, verminderte Leistungen"),
                        "housing": N_("nur Hilfe beim Wohnen"), "none": N_("nein")},
    "eurp": {"yes": N_("ja"), "no": N_("nein")},
}
# The country lists of the programme pages (`country_lists:`)
COUNTRY_LISTS = {
    "reduced-travel-allowance": N_("Verminderte Reisebeihilfe"),
    "start-up-payment": N_("Einmalige Starthilfe"),
    "assisted-return-suspended": N_("Geförderte Rückkehr derzeit ausgesetzt"),
    "starthilfe-plus-regular": N_("StarthilfePlus mit regulären Leistungen"),
    "starthilfe-plus-reduced": N_("StarthilfePlus mit verminderten Leistungen"),
    "starthilfe-plus-housing": N_("StarthilfePlus: nur Hilfe beim Wohnen"),
    "eurp": N_("EU-Reintegrationsprogramm (EURP)"),
}
# How IOM's counsellors in a country can be reached (`virtual_counselling: channels: kind:`)
CHANNELS = {
    "whatsapp": N_("WhatsApp"),
    "viber": N_("Viber"),
    "telegram": N_("Telegram"),
    "phone": N_("Telefon"),
    "email": N_("E-Mail"),
    "web": N_("Website"),
    "facebook": N_("Facebook"),
    "skype": N_("Skype"),
}

# Leaflet target groups (`target_group:`)
TARGET_GROUPS = {
    "reception-centre": N_("Menschen in einer Aufnahmeeinrichtung"),
    "families": N_("Familien mit Kindern"),
    "country": N_("Nach Herkunftsland"),
    "vulnerabilities": N_("Besondere Bedürfnisse und Schutz"),
    "partners": N_("Behörden, Verbände und NGOs"),
    "staff": N_("Für Fachkräfte"),
    "general": N_("Alle Interessierten"),
}

# Who an event is for (`audience:` of an event)
AUDIENCES = {
    "authorities": N_("Mitarbeitende von Behörden"),
    "migration-services": N_("Migrationsfachdienste und Beratungsstellen"),
    "ngos": N_("NGOs und Wohlfahrtsverbände"),
    "public": N_("Öffentlichkeit"),
}

# An event's state (`event_status:`)
EVENT_STATUS = {
    "planned": N_("Geplant"),
    "full": N_("Ausgebucht"),
    "cancelled": N_("Abgesagt"),
}

# Leaflet formats
FORMATS = {
    "a4": N_("A4 (Bürodrucker)"),
    "a5": N_("A5 (Bürodrucker)"),
    "a4-print": N_("A4 für die Druckerei (3 mm Beschnitt, Schnittmarken)"),
}

# How a district or city is reached by a location (directory)
REACH = {
    "on_site": N_("Beratung vor Ort"),
    "mobile_on_request": N_("Mobile Beratung auf Anfrage"),
    "always_reachable": N_("Landesweit erreichbar"),
    "reception_centre_here": N_("In der Aufnahmeeinrichtung hier (für die Menschen, die dort wohnen)"),
    "reception_centre_nearby": N_("In der Aufnahmeeinrichtung in der Nähe (für die Menschen, die dort wohnen)"),
    "nearest": N_("Nächste bestätigte Beratung in der Nähe"),
}

# What a region is
REGION_KINDS = {
    "district": N_("Landkreis"),
    "city": N_("Stadt"),
}

# The navigation's sections: the folders under docs/<lang>/ (MkDocs would show the folder's
# name, "Countries", in every language). `make check` names a folder missing here.
SECTIONS = {
    "countries": N_("Länderinformationen"),
    "events": N_("Veranstaltungen"),
    "legal": N_("Rechtliches"),
    "locations": N_("Beratungsstellen"),
    "materials": N_("Infomaterial"),
    "professionals": N_("Für Fachkräfte"),
    "programmes": N_("Programme"),
}
