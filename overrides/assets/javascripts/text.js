// Text as search.js and finder.js compare it, and counts as they show them: one module for both.
// The folding tables are not written here: they come with each index from the Python that
// builds it (returnguide/model/text.py's table(), returnguide/model/places.py's PLACE_RULES),
// and these functions apply them in the same order as text.fold, text.search_key and
// places.fold_place. tests/test_javascript.py feeds the same strings to both and expects the
// same results.

// Python's str.split() without arguments: runs of white space, none at either end.
const words = (s) => s.split(/\s+/).filter(Boolean).join(" ");

// text.fold: lower case, Arabic/Persian letter forms, Turkish ı and every kind of digit
// unified; after decomposition, marks, tatweel, joiners and bidi controls dropped; white space
// collapsed. `table` is {letters, dropped}.
export function folder({ letters, dropped }) {
  const drop = new RegExp(dropped, "gu");
  return (text) => words([...text.toLowerCase()].map((c) => letters[c] ?? c).join("")
    .normalize("NFD").replace(drop, ""));
}

// text.search_key: lower case by the language's rules (Turkish İ/i, I/ı); with a stemmer
// (a function word -> stem), each word cut to its stem first, then folded.
export function searchFolder(table, lang, stem = null) {
  const fold = folder(table);
  if (!stem) return (text) => fold(text.toLocaleLowerCase(lang));
  const word = new RegExp(table.word, "gu");
  const stems = new Map(); // pages repeat their words: each is stemmed once
  const stemmed = (w) => {
    if (!stems.has(w)) stems.set(w, stem(w));
    return stems.get(w);
  };
  return (text) => fold(text.toLocaleLowerCase(lang).normalize("NFC").replace(word, stemmed));
}

// places.fold_place: folded, then the place rules ([pattern, replacement] pairs) in order:
// "Bad Dürkheim" -> "bad durkheim", "St. Goar" = "Sankt Goar".
export function placeFolder(table, rules) {
  const fold = folder(table);
  const compiled = rules.map(([pattern, replacement]) => [new RegExp(pattern, "g"), replacement]);
  return (text) => compiled.reduce((f, [pattern, replacement]) => f.replace(pattern, replacement), fold(text));
}

// A name in any script, folded as above but with everything that is not a letter or a digit
// as a space ("Трир", "ترير").
export function nameFolder(table) {
  const fold = folder(table);
  return (text) => words(fold(text).replace(/[^\p{L}\p{N}]+/gu, " "));
}

// Western digits written in the language's own (`digits`: the ten digits, "٠١٢٣٤٥٦٧٨٩").
export const localDigits = (digits) => (n) => String(n).replace(/[0-9]/g, (d) => digits[d]);

// "{count} results" in the reader's plural form: `forms` holds one text per CLDR plural
// category of the language (from its catalogue), Intl.PluralRules picks one.
export function counter(forms, lang, digits) {
  const plural = new Intl.PluralRules(lang);
  const local = localDigits(digits);
  return (n) => (forms[plural.select(n)] ?? forms.other).replace("{count}", local(n));
}
