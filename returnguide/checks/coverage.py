"""The translation-coverage report: per language, the pages translated, missing and outdated."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.pages import is_outdated


@dataclass
class Coverage:
    lang: str
    total: int
    translated: int
    missing: list[str]
    outdated: list[str]
    # Pages published only in other languages by design (`published_in:`, e.g. pages for staff):
    # not counted, not missing.
    not_published: list[str] = field(default_factory=list)
    # Translated pages a native speaker has signed off (`translation: reviewed: DATE`), and how
    # the rest were made (machine-assisted, translator).
    reviewed: int = 0
    unreviewed_by: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(model: ContentModel) -> list[Coverage]:
    sources = model.sources()
    report = []
    for lang in LANGUAGES:
        missing, outdated, not_published = [], [], []
        reviewed, unreviewed_by = 0, {}
        for source in sources:
            page = model.page(lang, source.rel_path)
            if lang not in source.languages:
                not_published.append(source.rel_path)
            elif page is None:
                missing.append(source.rel_path)
            elif lang != DEFAULT_LANGUAGE:
                if is_outdated(page, source):
                    outdated.append(source.rel_path)
                record = page.own.get("translation")
                if record and record.reviewed:
                    reviewed += 1
                elif record:
                    unreviewed_by[record.by] = unreviewed_by.get(record.by, 0) + 1
        total = len(sources) - len(not_published)
        report.append(Coverage(lang, total, total - len(missing), missing, outdated, not_published, reviewed, unreviewed_by))
    return report


def format_coverage(report: list[Coverage]) -> str:
    lines = ["Translation coverage (German is the source; reviewed = signed off by a native speaker):"]
    for c in report:
        review = "" if c.lang == DEFAULT_LANGUAGE or not c.translated else (
            f"  reviewed: {c.reviewed}/{c.translated}"
            + (f" (not reviewed: {', '.join(f'{n} {by}' for by, n in sorted(c.unreviewed_by.items()))})" if c.unreviewed_by else ""))
        lines.append(f"  {c.lang}  {LANGUAGES[c.lang].english_name:<8} {c.translated:>3}/{c.total:<3} {c.percent:5.1f}%  missing: {len(c.missing)}  outdated: {len(c.outdated)}"
                     + review
                     + (f"  not published here by design (published_in): {len(c.not_published)}" if c.not_published else ""))
        lines += [f"      missing  {LANGUAGES[c.lang].code}/{rel}" for rel in c.missing]
        lines += [f"      outdated {LANGUAGES[c.lang].code}/{rel}" for rel in c.outdated]
    return "\n".join(lines)
