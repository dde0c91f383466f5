// html-validate's rules for the built site (tests/test_integrity.py). The "standard" preset:
// the HTML standard and its content models, without matters of style.
module.exports = {
  extends: ["html-validate:standard"],
  rules: {
    // Material's menu and search toggles are checkboxes with autocomplete="off", so Firefox does
    // not restore them open when the reader comes back; the rule allows it on text fields only.
    "valid-autocomplete": "off",
  },
};
