"""Checks over the whole content model: freshness, structural parity of translations,
headings, glossary terms, orthography. Per-file validation lives in model/content.py."""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers

from ..model import labels, schema
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.pages import QUOTE, Page, is_outdated
from ..model.problems import Problem
from ..model.text import fold, search_key

WARN_AFTER_DAYS = 365  # a fact page older than this is reported
FAIL_AFTER_DAYS = 730  # ... and older than this fails the check


def age_in_days(page: Page, today: dt.date) -> int | None:
    reviewed = page.meta.last_reviewed
    return (today - reviewed).days if reviewed else None


def freshness(model: ContentModel, today: dt.date) -> list[Problem]:
    problems = []
    for page in model.sources():
        days = age_in_days(page, today)
        if days is None:
            continue
        where = (page.display_path, page.line_of("last_reviewed"))
        if days > FAIL_AFTER_DAYS:
            problems.append(Problem(*where, f"last_reviewed {page.meta.last_reviewed} is more than 24 months ago; review the facts against the sources and update the date"))
        elif days > WARN_AFTER_DAYS:
            problems.append(Problem(*where, f"last_reviewed {page.meta.last_reviewed} is more than 12 months ago; plan a review", "warning"))
        elif days < 0:
            problems.append(Problem(*where, f"last_reviewed {page.meta.last_reviewed} lies in the future; write the date of the review"))
    return problems


_MAILTO = re.compile(r"mailto:([^)\s\"'>]+)")


def contact_points(body: str) -> list[str]:
    """The phone numbers (in link targets and text, any digits, German numbers without +49 too)
    and e-mail addresses a body mentions, normalised, in order."""
    points = [phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
              for match in phonenumbers.PhoneNumberMatcher(body, "DE")]
    points += [m.lower() for m in _MAILTO.findall(body)]
    return sorted(points)


def parity(model: ContentModel) -> list[Problem]:
    """A translation names the same phone numbers and e-mail addresses as its source."""
    problems = []
    for page, source in model.translations():
        mine, theirs = contact_points(page.body), contact_points(source.body)
        if mine != theirs:
            missing = sorted(set(theirs) - set(mine))
            extra = sorted(set(mine) - set(theirs))
            detail = "; ".join(filter(None, [
                f"missing {', '.join(missing)}" if missing else "",
                f"not in the German source: {', '.join(extra)}" if extra else "",
            ])) or "different number of mentions"
            problems.append(Problem(page.display_path, page.body_start, f"phone numbers / e-mail addresses differ from {source.display_path} ({detail}); copy them exactly from the German page"))
    return problems


def heading_structure(model: ContentModel) -> list[Problem]:
    """Every `##` heading has an explicit {#id}; a translation has the same ids in the same
    order as its source; types with fixed sections have them, in order."""
    problems = []
    for page in model.pages.values():
        for h in page.headings:
            if h.level == 2 and not h.id:
                problems.append(Problem(page.display_path, h.line, f"heading {h.text!r} has no id; end it with an English id that stays the same in every language, e.g. '## {h.text} {{#some-id}}'"))
        required = schema.BODY_SECTIONS.get(page.type)
        if required and page.lang == DEFAULT_LANGUAGE:
            found = tuple(h.id for h in page.headings if h.level == 2)
            if found != required:
                problems.append(Problem(page.display_path, page.body_start, f"the sections of a {page.type} page must be, in this order: {', '.join(required)}; found: {', '.join(map(str, found)) or 'none'}"))
        if page.meta.funds_departure and page.lang == DEFAULT_LANGUAGE:
            found = [h.id for h in page.headings if h.level == 2]
            missing = [s for s in schema.DEPARTURE_SECTIONS if s not in found]
            if missing:
                problems.append(Problem(page.display_path, page.line_of("funds_departure"), f"a page that funds a departure needs the sections {', '.join('{#' + s + '}' for s in schema.DEPARTURE_SECTIONS)} "
                                        f"(what leaving means for the reader's asylum procedure, status and re-entry; what happens after approval); missing: {', '.join(missing)}"))
    for page, source in model.translations():
        mine = [h for h in page.headings if h.level >= 2 and h.id]
        theirs = [h for h in source.headings if h.level >= 2 and h.id]
        if [h.id for h in mine] != [h.id for h in theirs]:
            where = next((a.line for a, b in zip(mine, theirs, strict=False) if a.id != b.id), mine[-1].line if mine else page.body_start)
            problems.append(Problem(page.display_path, where, f"heading ids {[h.id for h in mine]} differ from the German source {source.display_path} {[h.id for h in theirs]}; keep the same sections with the same ids"))
    return problems


def consequences(model: ContentModel) -> list[Problem]:
    """A country sheet says what leaving costs a reader with the same words as the programme page
    that funds the departure: its {#consequences} section quotes that page's section."""
    problems = []
    funding = {p.rel_path for p in model.sources() if p.meta.funds_departure}
    for page in model.sources():
        if page.type != "country" or page.section(schema.CONSEQUENCES) is None:
            continue  # a missing section is reported by heading_structure
        text = page.section(schema.CONSEQUENCES, heading=False)
        quoted = {m["page"] for m in QUOTE.finditer(text) if m["id"] == schema.CONSEQUENCES and m["text"]}
        if not quoted & funding:
            line = next(h.line for h in page.headings if h.id == schema.CONSEQUENCES)
            example = sorted(funding)[0] if funding else "programmes/reag-garp.md"
            problems.append(Problem(page.display_path, line, "the section {#consequences} must quote the programme page's "
                                    f"text (one line: <!-- quote-text: {example}#{schema.CONSEQUENCES} -->), then add what "
                                    "the sources say for this country"))
    return problems


def orthography(model: ContentModel) -> list[Problem]:
    """Letters of another orthography (Arabic ي and ك in Persian text)."""
    problems = []
    for page in model.pages.values():
        wrong = LANGUAGES[page.lang].wrong_letters
        if not wrong:
            continue
        for number, line in enumerate(page.text.splitlines(), 1):
            found = sorted({ch for ch in line if ch in wrong})
            if found:
                fixes = ", ".join(f"{ch} → {wrong[ch]}" for ch in found)
                problems.append(Problem(page.display_path, number, f"letters of another orthography: {fixes}"))
    return problems


# Two Latin names with only an Arabic comma between them ("REAG/GARP، StarthilfePlus"): the comma
# between two left-to-right words joins them into one left-to-right run, so a right-to-left reader
# meets them in the reverse order (and a note in brackets after them beside the wrong one).
_LATIN_LIST = re.compile(r"([A-Za-z][A-Za-z0-9/+.-]*)[ \t]*،[ \t]*([A-Za-z][A-Za-z0-9/+.-]*)")


def latin_names_in_a_list(model: ContentModel) -> list[Problem]:
    """In right-to-left text, Latin names separated by nothing but an Arabic comma."""
    problems = []
    for page in model.pages.values():
        if not LANGUAGES[page.lang].rtl:
            continue
        for number, line in enumerate(page.text.splitlines(), 1):
            for match in _LATIN_LIST.finditer(line):
                first, second = match.groups()
                problems.append(Problem(page.display_path, number,
                                        f"\"{first}، {second}\": with only the comma between them, a right-to-left reader "
                                        f"sees {second} before {first}; put a word of the page's language between them "
                                        "(\"و\", or the programme's kind before the second name)"))
    return problems


# A number and a full stop at a line's start, after a line of text: Markdown may read it as the start
# of a numbered list (inside a list item it does), and a date wrapped as "… nach dem" / "27. März
# 2017" lost its day and split the sentence into two points.
_NUMBER_AT_START = re.compile(r"[ \t]*(\d+)\.[ \t]")


def numbers_at_a_line_start(model: ContentModel) -> list[Problem]:
    """A line of running text that starts with "27. " (a date, an article's number): a number at a
    line's start after a line of text that does not go on a numbered list (the item before has
    the number before it)."""
    problems = []
    for page in model.pages.values():
        last, before = 0, ""
        for number, line in enumerate(page.text.splitlines(), 1):
            match = _NUMBER_AT_START.match(line)
            if match:
                value = int(match.group(1))
                if before.strip() and value != last + 1:
                    problems.append(Problem(page.display_path, number,
                                            f"the line starts with \"{value}. \" after a line of text: Markdown reads it as a "
                                            "numbered list and drops the number (a date loses its day); move the number to the "
                                            "end of the line before"))
                last = value
            elif line.startswith("#"):
                last = 0
            before = line
    return problems


def glossary_terms(model: ContentModel) -> list[Problem]:
    """One term, one translation (materials/glossary.yml). Where the German source uses a term,
    its translation uses one of the term's forms; and no page uses a form the glossary says to
    avoid (reported at its line, with the form to write). Forms are found after folding
    (model/text.py) as whole words or phrases; a `*` at a form's end lets the word go on
    (Landkreis* finds Landkreisen), at its start lets it begin earlier (*مقاطعة finds بالمقاطعة).
    Where an avoided form lies inside a form to write (دائرة in دائرة شؤون الأجانب), the form to
    write wins."""

    def arabic(ch: str) -> bool:
        return "\u0600" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff"

    def joined(a: str, b: str) -> bool:
        # Two letters of one word: a Latin word beside Arabic script (الـDuldung) is a word of its own.
        return a.isalnum() and b.isalnum() and arabic(a) == arabic(b)

    def spans(form: str, text: str) -> list[tuple[int, int]]:
        """Where a form occurs in folded text, each widened to the whole words it touches."""
        core, found = fold(form.strip("*")), []
        at = text.find(core) if core else -1
        while at >= 0:
            start, end = at, at + len(core)
            if (form.startswith("*") or start == 0 or not joined(text[start - 1], text[start])) and \
                    (form.endswith("*") or end == len(text) or not joined(text[end - 1], text[end])):
                while start > 0 and joined(text[start - 1], text[start]):
                    start -= 1
                while end < len(text) and joined(text[end - 1], text[end]):
                    end += 1
                found.append((start, end))
            at = text.find(core, at + 1)
        return found

    def folded(page: Page) -> list[tuple[str, list[tuple[int, int]]]]:
        """The reader's text of a page, folded: title, description and body, each with the file
        line at which each of its folded lines begins (folding the lines one by one and joining
        them with a space gives what folding the whole would: a phrase may cross a line)."""
        parts = [[(page.line_of(key), str(page.own[key]))] for key in ("title", "description") if page.own.get(key)]
        parts.append([(page.body_start + i, line) for i, line in enumerate(page.body.splitlines())])
        texts = []
        for lines in parts:
            offsets, pieces, at = [], [], 0
            for number, line in lines:
                if piece := fold(line):
                    offsets.append((at, number))
                    pieces.append(piece)
                    at += len(piece) + 1
            texts.append((" ".join(pieces), offsets))
        return texts

    def line_at(offsets: list[tuple[int, int]], position: int) -> int:
        return next(number for at, number in reversed(offsets) if at <= position)

    problems = []
    avoided_on = set()  # (page, term): already reported at its lines
    for page in model.pages.values():
        if not any(entry["avoid"].get(page.lang) for entry in model.glossary.values()):
            continue
        for text, offsets in folded(page):
            written = [span for entry in model.glossary.values() for form in entry[page.lang] for span in spans(form, text)]
            for term, entry in model.glossary.items():
                for form in entry["avoid"].get(page.lang, ()):
                    lines = sorted({line_at(offsets, start) for start, end in spans(form, text)
                                    if not any(a <= start and end <= b for a, b in written)})
                    for number in lines:
                        avoided_on.add((page.display_path, term))
                        problems.append(Problem(page.display_path, number, f"{form.strip('*')!r} is not this site's word for {term!r}: "
                                                                           f"write {entry[page.lang][0].strip('*')!r} (materials/glossary.yml)"))
    for page, source in model.translations():
        lang = LANGUAGES[page.lang]
        theirs = fold(source.body)
        # An inflected language (Russian, Turkish) may write a term in any of its forms: compared by stem.
        mine = search_key(page.body, lang) if lang.stemmer else fold(page.body)

        def uses(form: str, lang=lang, mine=mine) -> bool:
            return search_key(form.strip("*"), lang) in mine if lang.stemmer else bool(spans(form, mine))
        for term, entry in model.glossary.items():
            if (page.display_path, term) in avoided_on:
                continue
            if any(spans(f, theirs) for f in entry[DEFAULT_LANGUAGE]) and not any(uses(f) for f in entry[page.lang]):
                problems.append(Problem(page.display_path, page.body_start, f"the German source uses {term!r}; write it as "
                                                                            f"{entry[page.lang][0].strip('*')!r} (materials/glossary.yml)"))
    return problems


def outdated_translations(model: ContentModel) -> list[Problem]:
    problems = []
    for page, source in model.translations():
        if is_outdated(page, source):
            problems.append(Problem(page.display_path, page.line_of("updated"), f"translation (updated {page.meta.updated}) is older than its German source (updated {source.meta.updated}); bring it up to date and set 'updated'", "warning"))
    return problems


def section_labels(model: ContentModel) -> list[Problem]:
    """Every folder of pages is a section of the navigation and needs its label in the readers'
    languages (labels.SECTIONS); without one, every language would show the folder's name."""
    problems, seen = [], set()
    for page in model.sources():
        for folder in page.rel_path.split("/")[:-1]:
            if folder not in labels.SECTIONS and folder not in seen:
                seen.add(folder)
                problems.append(Problem(page.display_path, 1, f"folder {folder!r} has no navigation label; add it to "
                                        "SECTIONS in returnguide/model/labels.py (a German message id) and run `make strings`"))
    return problems
