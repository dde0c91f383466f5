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
  // A label for a checkbox becomes a button in its place: same classes and content, and
  // aria-expanded that follows the checkbox. Clicking it works the checkbox (which fires the change
  // event search.js listens to), then calls `after`.
  const asButton = (label, toggle, after = () => {}) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.rgToggle = toggle.id;
    if (label.id) button.id = label.id; // a menu section's <nav> is labelled by it
    button.append(...label.childNodes);
    const expanded = () => button.setAttribute("aria-expanded", String(toggle.checked));
    expanded();
    toggle.addEventListener("change", expanded);
    button.addEventListener("click", () => {
      toggle.click();
      after();
    });
    label.replaceWith(button);
    return button;
  };
  for (const label of document.querySelectorAll(".md-header label.md-header__button")) {
    const toggle = document.getElementById(label.htmlFor);
    if (toggle && names[toggle.id]) asButton(label, toggle).setAttribute("aria-label", names[toggle.id]);
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

  // The sections of the menu, and the first line of an open section (the way back), are <label>s
  // for checkboxes as well: each becomes a button that says whether its section is open. On a phone
  // the menu shows one level at a time (site.css hides the levels behind and beside it): opening a
  // section moves the focus to its first line, going back returns it to the section's button.
  const modal = matchMedia("(max-width: 76.234375em)"); // Material's width for the sliding menu
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
  const firstIn = (element) => [...element.querySelectorAll("a[href], button")].find(visible);
  for (const label of document.querySelectorAll(".md-nav--primary label[for]")) {
    const toggle = document.getElementById(label.htmlFor);
    if (!toggle?.classList.contains("md-nav__toggle")) continue;
    asButton(label, toggle, () => {
      if (!modal.matches) return;
      const item = toggle.parentElement;
      const next = toggle.checked ? firstIn(item.querySelector(":scope > .md-nav"))
        : item.querySelector(`:scope > .md-nav__link[data-rg-toggle="${toggle.id}"]`);
      // an open section is still sliding in: scrolling to its first line would shift the menu sideways
      next?.focus({ preventScroll: toggle.checked });
    });
  }

  // On a phone the open menu, and the open search, cover the page: the page behind is inert (no tab
  // stop hides under the shade), and the focus starts in the menu (search.js puts it in the field).
  const outside = (part) => {
    const found = [];
    for (let node = part; node && node !== document.body; node = node.parentElement) {
      for (const other of node.parentElement.children) {
        if (other !== node && !other.matches("input, script, .md-overlay")) found.push(other);
      }
    }
    return found;
  };
  const sidebar = document.querySelector(".md-sidebar--primary");
  const menu = sidebar?.querySelector(".md-nav--primary");
  const covers = [
    { toggle: drawer, part: sidebar, width: modal },
    { toggle: search, part: document.querySelector(".md-search"), width: matchMedia("(max-width: 59.984375em)") },
  ].filter((cover) => cover.toggle && cover.part).map((cover) => ({ ...cover, behind: outside(cover.part) }));
  const shade = () => {
    const open = covers.find((cover) => cover.toggle.checked && cover.width.matches);
    const behind = new Set(open?.behind);
    for (const cover of covers) for (const element of cover.behind) element.inert = behind.has(element);
    return open;
  };
  for (const cover of covers) {
    cover.width.addEventListener("change", shade);
    cover.toggle.addEventListener("change", () => {
      if (shade()?.part === sidebar) firstIn(menu)?.focus({ preventScroll: true });
    });
  }

  // Escape, or the close button at the top of the open menu or search on a phone (a screen reader
  // there has no Escape key), closes it and gives the focus back to its button in the header.
  const close = (toggle) => {
    toggle.click();
    document.querySelector(`.md-header [data-rg-toggle="${toggle.id}"]`)?.focus();
  };
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = [drawer, search].find((toggle) => toggle?.checked);
    if (!open) return;
    event.preventDefault();
    close(open);
  });
  const closeMenu = document.getElementById("rg-menu-close")?.content.firstElementChild;
  if (closeMenu && sidebar && drawer) {
    sidebar.prepend(closeMenu);
    closeMenu.addEventListener("click", () => close(drawer));
  }
  document.querySelector(".rg-search__close")?.addEventListener("click", () => search && close(search));
})();
