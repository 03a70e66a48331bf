// The one script of the pages sent without the app's (the parents' page: see lib.rs,
// `without_scripts`). What a parent types is not lost to a phone with no network, nor to a
// send that got no answer on a weak signal (the browser's error page, then Back, brings the
// page back empty): with no network the form is not sent, and it stays as typed with a line
// above it; each send keeps what was typed for this tab, put back if the page comes again
// without the school's "sent", and forgotten once it says so.
(() => {
  const key = `hope-kept:${location.pathname}`;
  const meta = () => document.querySelector("meta[name=hope-offline]");
  const typed = (form) =>
    [...form.elements].filter((f) => f.name && f.type !== "hidden" && f.type !== "submit" &&
      ((f.type === "checkbox") ? f.checked !== f.defaultChecked : f.value !== f.defaultValue));
  const say = (form, words) => {
    form.querySelector("[data-offline-notice]")?.remove();
    const line = Object.assign(document.createElement("p"), { className: "flash flash-error", textContent: words });
    line.setAttribute("role", "alert");
    line.dataset.offlineNotice = "";
    form.prepend(line);
  };
  if (new URLSearchParams(location.search).has("sent")) sessionStorage.removeItem(key);
  document.addEventListener("submit", (e) => {
    const form = e.target;
    if (!navigator.onLine) {
      e.preventDefault();
      say(form, meta()?.content ?? "");
      return;
    }
    const kept = typed(form).map((f) => [f.name, f.type === "checkbox" ? f.value : null, f.type === "checkbox" ? f.checked : f.value]);
    sessionStorage.setItem(key, JSON.stringify({ action: form.getAttribute("action"), kept }));
  });
  addEventListener("online", () => document.querySelectorAll("[data-offline-notice]").forEach((n) => n.remove()));
  addEventListener("DOMContentLoaded", () => {
    const was = JSON.parse(sessionStorage.getItem(key) ?? "null");
    const form = was && document.querySelector(`form[action="${CSS.escape(was.action)}"]`);
    if (!form) return;
    for (const [name, value, what] of was.kept) {
      const field = [...form.elements].find((f) => f.name === name && (value === null || f.value === value));
      if (!field) continue;
      if (value === null) field.value = what;
      else field.checked = what;
    }
    form.closest("details")?.setAttribute("open", "");
    say(form, meta()?.dataset.restored ?? "");
  });
})();
