"""The glossary check through the CLI (materials/glossary.yml, its header explains the rules): a
translation uses a term's form where its German source uses the term; no page uses an avoided
form, found as a whole word or phrase after folding, unless it lies inside a form to write; a
glossary that contradicts itself is named at its line."""

import re
import shutil

import pytest

from conftest import FIXTURES, TODAY, make_tree, run_cli


def glossary_errors(docs) -> list[str]:
    """The glossary check's errors, as 'lang/path:line: form' (or the message of another kind)."""
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert "Traceback" not in result.stderr, result.stderr
    found = []
    for line in result.stdout.splitlines():
        if ": error: " in line and "glossary.yml" in line:
            where, message = line.removeprefix(f"{docs}/").split(": error: ", 1)
            avoided = re.match(r"'([^']+)' is not this site's word", message)
            found.append(f"{where}: {avoided.group(1)}" if avoided else f"{where}: {message}")
    return sorted(found)


def tree(tmp_path, overlay: str):
    docs = make_tree(tmp_path)
    shutil.copytree(FIXTURES / "glossary" / overlay, docs, dirs_exist_ok=True)
    return docs


def test_forms_to_write_and_words_that_only_contain_a_form_pass(tmp_path):
    # بدائرة شؤون الأجانب holds the avoided دائرة inside a form to write; الدوائر الحكومية are
    # government offices (only the bare دوائر is avoided); شناسنامه stands inside
    # "تذکره یا شناسنامه"; Impfpass, passt and passen are not the German "Pass".
    assert glossary_errors(tree(tmp_path, "good")) == []


def test_each_avoided_form_is_named_once_at_its_line_and_the_rest_is_left_alone(tmp_path):
    # ar 14: دائرة for a district; 15: بدائرة شؤون الأجانب (a form to write wins) and
    # جواز سفركم (a form with '*' at its end); 16: twice on one line, reported once.
    # fa 14: روادید; 15: inside "تذکره یا شناسنامه"; 16: گذرنامه‌تان (joined by a ZWNJ). The
    # German page says "Pass" and the Persian only گذرنامه: one error, at the line, not a second
    # one for the missing پاسپورت.
    assert glossary_errors(tree(tmp_path, "mixed")) == [
        "ar/index.md:14: دائرة", "ar/index.md:16: دائرة", "fa/index.md:14: روادید", "fa/index.md:16: گذرنامه"]


def test_the_message_says_which_form_to_write(tmp_path):
    result = run_cli("check", "--docs", str(tree(tmp_path, "mixed")), "--today", TODAY)
    assert re.search(r"fa/index\.md:14: error: 'روادید' is not this site's word for 'Visum': write 'ویزا' \(materials/glossary\.yml\)",
                     result.stdout), result.stdout


GLOSSARY = """\
Pass:
  de: [Pass]
  en: [passport*]
  ar: ["*جواز السفر", "*جواز سفر*"]
  fa: [پاسپورت*]
  tr: [pasaport]
  ru: [паспорт]
  avoid:
    fa: [گذرنامه*]
"""


@pytest.mark.parametrize("glossary, line, words", [
    (GLOSSARY.replace("[گذرنامه*]", "[گذرنامه, پاسپورت]"), 9, ["'پاسپورت' is also a form to write of 'Pass'"]),
    (GLOSSARY.replace("[پاسپورت*]", "[پاس*پورت]"), 5, ["'Pass', fa:", "'*' only at the start or end"]),
    (GLOSSARY.replace("  avoid:", "  avoids:"), 1, ["'avoid', 'note' and 'origin' are the only other keys"]),
    (GLOSSARY.replace("    fa: [گذرنامه*]", "    xx: [گذرنامه*]"), 8, ["avoid: give per language code"]),
    (GLOSSARY + "  note: [a, list]\n", 10, ["note: write the note as text"]),
])
def test_a_glossary_that_contradicts_itself_is_named_at_its_line(tmp_path, glossary, line, words):
    docs = make_tree(tmp_path)
    path = tmp_path / "materials" / "glossary.yml"
    path.write_text(glossary, encoding="utf-8")
    result = run_cli("check", "--docs", str(docs), "--today", TODAY)
    assert "Traceback" not in result.stderr, result.stderr
    matching = [l for l in result.stdout.splitlines() if l.startswith(f"{path}:{line}: error: ")]
    assert matching, result.stdout
    for word in words:
        assert any(word in l for l in matching), f"{word!r} not in {matching}"


def test_the_small_glossary_itself_is_valid_and_avoided_forms_still_apply(tmp_path):
    docs = tree(tmp_path, "mixed")
    (tmp_path / "materials" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    assert glossary_errors(docs) == ["fa/index.md:16: گذرنامه"]
