// Applies overrides/assets/javascripts/text.js to what tests/test_javascript.py sends on stdin
// (a JSON object) and writes the results as JSON: the same strings through the browser's
// folding as through returnguide/model/text.py and places.py, and counts through
// Intl.PluralRules as through the catalogues.
import { readFileSync } from "node:fs";
import { counter, folder, nameFolder, placeFolder, searchFolder } from "../../overrides/assets/javascripts/text.js";

const { table, rules, strings, languages, numbers } = JSON.parse(readFileSync(0, "utf-8"));
const stemmer = async (algorithm) => {
  if (!algorithm) return null;
  const { default: Stemmer } = await import(`../../overrides/assets/javascripts/snowball/${algorithm}-stemmer.js`);
  const s = new Stemmer();
  return (w) => s.stemWord(w);
};
const fold = folder(table), place = placeFolder(table, rules), name = nameFolder(table);
const result = { fold: strings.map(fold), place: strings.map(place), name: strings.map(name), search: {}, count: {} };
for (const { tag, stemmer: algorithm, forms, digits } of languages) {
  const search = searchFolder(table, tag, await stemmer(algorithm));
  result.search[tag] = strings.map(search);
  result.count[tag] = Object.fromEntries(Object.entries(forms).map(([key, f]) => [key, numbers.map(counter(f, tag, digits))]));
}
process.stdout.write(JSON.stringify(result));
