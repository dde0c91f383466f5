// Material's menu and search buttons in the header are <label>s for hidden checkboxes: a finger
// or a mouse can use them, a keyboard cannot reach them. Give them what a button has: a tab
// stop, a role, a name in the page's language, Enter and Space, and whether they are open.
(() => {
  const names = {
    __drawer: document.querySelector(".md-nav--primary")?.getAttribute("aria-label"),
    __search: document.querySelector(".md-search__input")?.getAttribute("aria-label"),
  };
  for (const label of document.querySelectorAll(".md-header label.md-header__button")) {
    const toggle = document.getElementById(label.htmlFor);
    if (!toggle || !names[toggle.id]) continue;
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", names[toggle.id]);
    const expanded = () => label.setAttribute("aria-expanded", String(toggle.checked));
    expanded();
    toggle.addEventListener("change", expanded);
    label.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      // Material's own Enter key handler would click the label a second time: ours alone acts.
      event.preventDefault();
      event.stopPropagation();
      toggle.click(); // fires the change event Material listens to
    });
  }
  // Escape closes the menu and gives focus back to its button.
  const drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer?.checked) return;
    drawer.click();
    document.querySelector('.md-header label[for="__drawer"]')?.focus();
  });
})();
