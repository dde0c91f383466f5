// Leaflet catalogue: show the filter form (the list works without it) and apply it, on every
// change and on submit. The choice goes into the address (?group=…&lang=…, what the form would
// send without this script), so a filtered list can be shared and is shown again when opened.
document.querySelectorAll("form.rg-catalogue-filter").forEach((form) => {
  const apply = () => {
    const group = form.elements.group.value;
    const lang = form.elements.lang.value;
    document.querySelectorAll(".rg-leaflets").forEach((section) => {
      let shown = 0;
      section.querySelectorAll(".rg-leaflet").forEach((item) => {
        item.hidden = Boolean(lang) && item.dataset.lang !== lang;
        shown += item.hidden ? 0 : 1;
      });
      section.hidden = (Boolean(group) && section.dataset.group !== group) || shown === 0;
    });
  };
  const remember = () => {
    const url = new URL(location.href);
    for (const name of ["group", "lang"]) {
      if (form.elements[name].value) url.searchParams.set(name, form.elements[name].value);
      else url.searchParams.delete(name);
    }
    history.replaceState(history.state, "", url);
  };
  // An address with ?group=…&lang=… selects those options (unknown values are ignored).
  const asked = new URLSearchParams(location.search);
  for (const name of ["group", "lang"]) {
    const select = form.elements[name];
    if ([...select.options].some((o) => o.value && o.value === asked.get(name))) select.value = asked.get(name);
  }
  form.hidden = false;
  apply();
  form.addEventListener("change", () => { apply(); remember(); });
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); remember(); });
});
