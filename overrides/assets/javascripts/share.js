// Share panel: show the copy button and copy the page's address (the address field
// works without this script: it can be selected and copied by hand).
document.querySelectorAll(".rg-share__copy").forEach((button) => {
  const field = document.getElementById("rg-share-url");
  const status = button.parentElement.querySelector(".rg-share__status");
  const done = () => { status.textContent = button.dataset.done; };
  button.hidden = false;
  button.addEventListener("click", () => {
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, () => { if (document.execCommand("copy")) done(); });
    } else if (document.execCommand("copy")) {
      done();
    }
  });
});
