// Leaflet catalogue: show the filter form (the list works without it) and apply it.
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
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
});
