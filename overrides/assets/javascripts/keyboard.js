// The header's menu and search, and the page behind them, without Material's JavaScript.
// Material's menu and search buttons in the header are <label>s for hidden checkboxes: a finger
// or a mouse can use them, a keyboard cannot reach them, and a label may not be given the role
// of a button. Each becomes a real <button> (same look, same icon) with a name in the page's
// language that says whether it is open; it works the checkbox as the label did.
(() => {
  const root = document.documentElement;
  root.classList.replace("no-js", "js"); // scripts run: Material's CSS shows the search
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
    button.addEventListener("click", () => toggle.click()); // fires the change event search.js listens to
    label.replaceWith(button);
  }

  // While the menu or the search covers the page, the page behind it does not scroll (on a phone
  // it would move sideways under the finger): Material's CSS fixes the body in place
  // (body[data-md-scrolllock]); its place is kept and given back when both are closed.
  const drawer = document.getElementById("__drawer");
  const search = document.getElementById("__search");
  let offset = 0;
  const lock = () => {
    const locked = Boolean(drawer?.checked || search?.checked);
    if (locked === document.body.hasAttribute("data-md-scrolllock")) return;
    if (locked) {
      offset = window.scrollY;
      document.body.style.top = `-${offset}px`;
      document.body.setAttribute("data-md-scrolllock", "");
    } else {
      document.body.removeAttribute("data-md-scrolllock");
      document.body.style.top = "";
      window.scrollTo(0, offset);
    }
  };
  drawer?.addEventListener("change", lock);
  search?.addEventListener("change", lock);

  // Escape closes the menu or the search and gives the focus back to its button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = [drawer, search].find((toggle) => toggle?.checked);
    if (!open) return;
    event.preventDefault();
    open.click();
    document.querySelector(`[data-rg-toggle="${open.id}"]`)?.focus();
  });
})();
