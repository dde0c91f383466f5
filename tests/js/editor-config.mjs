// Validates a web-editor configuration (JSON on stdin) against Sveltia CMS's own JSON schema,
// which the pinned package ships: an independent check of what site/editor.py generates.
import { readFileSync } from "node:fs";
import Ajv from "ajv";

const schema = JSON.parse(readFileSync("node_modules/@sveltia/cms/schema/sveltia-cms.json", "utf8"));
// Patterns must compile as the browser's regular expressions; addresses are checked by the schema's own rules.
const regex = (text) => { try { new RegExp(text); return true; } catch { return false; } };
const validate = new Ajv({ allErrors: true, strict: false, formats: { regex, uri: true } }).compile(schema);
const config = JSON.parse(readFileSync(0, "utf8"));
if (validate(config)) {
  process.stdout.write("valid\n");
} else {
  process.stdout.write(JSON.stringify(validate.errors.slice(0, 20), null, 1) + "\n");
  process.exitCode = 1;
}
