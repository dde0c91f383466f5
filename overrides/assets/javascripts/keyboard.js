// Material's menu and search buttons in the header are <label>s for hidden checkboxes: a finger
// or a mouse can use them, a keyboard cannot reach them, and a label may not be given the role
// of a button. Each becomes a real <button> (same look, same icon) with a name in the page's
// language that says whether it is open; it works the checkbox as the label did.
(() => {
  const names = {
    __drawer: document.querySelector(".md-nav--primary")?.getAttribute("aria-label"),
    __search: document.querySelector(".md-search__input")?.getAttribute("aria-label"),
  };
  for (const label of document.querySelectorAll(".md-header label.md-header__button")) {
    const toggle = document.getElementById(label.htmlFor);
    if (!toggle || !names[toggle.id]) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.rgToggle = toggle.id;
    button.setAttribute("aria-label", names[toggle.id]);
    button.append(...label.childNodes);
    const expanded = () => button.setAttribute("aria-expanded", String(toggle.checked));
    expanded();
    toggle.addEventListener("change", expanded);
    button.addEventListener("click", () => toggle.click()); // fires the change event Material listens to
    label.replaceWith(button);
  }
  // Escape closes the menu and gives the focus back to its button.
  const drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer?.checked) return;
    drawer.click();
    document.querySelector('[data-rg-toggle="__drawer"]')?.focus();
  });
})();
