// The account page's Copy button for a new API token. Without script the token stays in its
// read-only field, to be selected and copied by hand; the button is shown only when it works.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy-target]")) {
    const field = document.getElementById(button.dataset.copyTarget);
    const status = button.parentElement.querySelector("[data-copy-status]");
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = "Copied.";
      } catch {
        field.select();
        status.textContent = "Select the token and copy it (Ctrl+C).";
      }
    });
  }
});
