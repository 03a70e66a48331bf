// The forms the browser must send itself, not the islands router (see native_submit.rs):
// those inside `[data-native-forms]` (but an outbox's) and the uploads in `.native-submit`.
// Inline in every page's head, so it holds from the first tap, before the wasm has come.
document.addEventListener("submit", (e) => {
  const form = e.target;
  if (e.defaultPrevented || !(form instanceof HTMLFormElement) || form.hasAttribute("data-outbox")) return;
  if (!form.closest("[data-native-forms], .native-submit")) return;
  e.preventDefault();
  // A large roster takes a few seconds to send and check: say so.
  form.querySelector(".upload-progress")?.removeAttribute("hidden");
  // `submit()` leaves out the button that was pressed ("not confirmed"): carry it along.
  form.querySelectorAll("input[data-carried]").forEach((old) => old.remove());
  const button = e.submitter;
  if (button && button.name) {
    const carried = document.createElement("input");
    carried.type = "hidden";
    carried.name = button.name;
    carried.value = button.value;
    carried.dataset.carried = "";
    form.append(carried);
  }
  // The form's own `submit`, even when one of its fields is named "submit".
  HTMLFormElement.prototype.submit.call(form);
}, true);
// Back to a page kept whole by the browser: its upload is no longer under way.
addEventListener("pageshow", (e) => {
  if (e.persisted) document.querySelectorAll(".native-submit .upload-progress").forEach((p) => p.setAttribute("hidden", ""));
});
