// The forms the browser must send itself, not the islands router (see native_submit.rs):
// those inside `[data-native-forms]` (but an outbox's) and the uploads in `.native-submit`.
// Inline in every page's head, so it holds from the first tap, before the wasm has come.
(() => {
  // The button that sent a form (the check-in's "全班都完成了") goes with its fields for the
  // islands router and the outbox too, which read the form alone: for the moment the form
  // is read, a hidden field holds its name and value instead of the button itself (so a
  // form the browser sends itself holds it once), then all is as the server made it again,
  // before the next page is laid over this one.
  document.addEventListener("submit", (e) => {
    const form = e.target;
    const button = e.submitter;
    if (!(form instanceof HTMLFormElement) || !button?.name) return;
    // "全班都完成了" ticks the class on screen as the server will, but for those away
    // (`data-away` ticked): what is shown is what is sent, so the next save keeps them.
    for (const box of button.dataset.ticks ? form.querySelectorAll(`input[type=checkbox][value$=":${button.dataset.ticks}"]`) : []) {
      if (!box.closest("tr")?.querySelector("[data-away]:checked")) box.checked = true;
    }
    const name = button.name;
    const carried = Object.assign(document.createElement("input"), { type: "hidden", name, value: button.value });
    button.removeAttribute("name");
    form.append(carried);
    setTimeout(() => {
      carried.remove();
      button.name = name;
    });
  }, true);

  // No network: a form the outbox does not keep on the device is not sent into nothing (the
  // router's request would fail without a word). It stays as typed, with a line above it.
  // A link to another page tapped then (the tap seemed to do nothing) leaves this page as
  // it is, with a line at the foot of the screen. A request that gets no answer on a signal
  // too weak for the browser to notice says the same. The line goes before anything else is
  // asked of the page (another form, a link, back): the router lays the next page over this
  // one as the server made it.
  let posted = null;
  let postedAt = 0;
  const forget = () => {
    posted = null;
    coming(false);
    document.querySelectorAll("[data-offline-notice]").forEach((n) => n.remove());
  };
  // A page asked for on a weak signal (the router fetches it: the browser shows nothing):
  // after a moment, a bar at the top of the screen says it is on its way, until the URL
  // changes (the router's last step), the request fails, or 30 s have gone.
  let bar = null;
  let barTimer = 0;
  let barWatch = 0;
  function coming(on) {
    clearTimeout(barTimer);
    clearInterval(barWatch);
    bar?.remove();
    bar = null;
    if (!on) return;
    const from = location.href;
    const since = Date.now();
    barWatch = setInterval(() => {
      if (location.href !== from || Date.now() - since > 30000) coming(false);
    }, 100);
    barTimer = setTimeout(() => {
      bar = document.createElement("div");
      bar.className = "page-coming";
      bar.setAttribute("aria-hidden", "true");
      Object.assign(bar.style, { position: "fixed", top: "0", left: "0", right: "0", height: "4px", zIndex: "50",
        // The ink's colour: the header is the accent's, and the bar lies on it.
        background: getComputedStyle(document.documentElement).getPropertyValue("--ink"), transformOrigin: "left" });
      bar.animate?.([{ transform: "scaleX(.2)" }, { transform: "scaleX(.9)" }], { duration: 6000, easing: "ease-out", fill: "forwards" });
      document.body.append(bar);
    }, 300);
  }
  addEventListener("popstate", forget);
  addEventListener("online", () => document.querySelectorAll("[data-offline-notice=link]").forEach((n) => n.remove()));
  document.addEventListener("click", (e) => {
    const link = e.target.closest?.("a[href]");
    if (!link) return;
    forget();
    // What the router does not fetch: another site, a new tab, a download, this page, a
    // tap something else took care of.
    const away = link.origin === location.origin && !link.target && !link.hasAttribute("download");
    if (!away || link.href.split("#")[0] === location.href.split("#")[0] || e.defaultPrevented) return;
    posted = link;
    postedAt = Date.now();
    if (navigator.onLine) return coming(true);
    e.preventDefault();
    notSent(link);
  }, true);
  document.addEventListener("submit", (e) => {
    const form = e.target;
    forget();
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-outbox") || form.method !== "post") return;
    posted = form;
    postedAt = Date.now();
    if (navigator.onLine) return coming(true);
    e.preventDefault();
    e.stopImmediatePropagation();
    notSent(form);
  }, true);
  addEventListener("unhandledrejection", (e) => {
    // Chromium's, Firefox's and Safari's words for a request that never got an answer.
    const lost = e.reason instanceof TypeError && /fetch|network|load failed/i.test(e.reason.message);
    if (lost && posted?.isConnected && Date.now() - postedAt < 60000) notSent(posted);
    if (lost) {
      posted = null;
      coming(false);
    }
  });
  function notSent(source) {
    // Signing out is no form to put right: a line at the foot of the screen, like a link's.
    const signOut = source.action?.endsWith("/api/auth/logout");
    const form = source instanceof HTMLFormElement && !signOut;
    const notice = document.createElement("p");
    notice.className = form ? "flash flash-error" : "flash flash-error offline-link";
    notice.setAttribute("role", "alert");
    notice.dataset.offlineNotice = form ? "" : "link";
    const meta = document.querySelector("meta[name=hope-offline]");
    notice.textContent = (form ? meta?.content : signOut ? meta?.dataset.signout : meta?.dataset.link) || "";
    if (!form) return document.body.append(notice);
    source.before(notice);
    notice.scrollIntoView({ block: "center" });
  }

  document.addEventListener("submit", (e) => {
    const form = e.target;
    if (e.defaultPrevented || !(form instanceof HTMLFormElement) || form.hasAttribute("data-outbox")) return;
    if (!form.closest("[data-native-forms], .native-submit")) return;
    e.preventDefault();
    // A second tap while a picture is made smaller, or while the form is on its way,
    // sends nothing twice (the flag goes when the page is shown again, below).
    if (form.dataset.sending) return;
    const button = e.submitter;
    form.dataset.sending = "1";
    fit(form)
      .catch(() => true)
      .then((fits) => {
        if (fits) send(form, button);
        else delete form.dataset.sending;
      });
  }, true);

  function send(form, button) {
    // A large roster takes a few seconds to send and check: say so.
    form.querySelector(".upload-progress")?.removeAttribute("hidden");
    // `submit()` leaves out the button that was pressed ("not confirmed"): carry it along.
    form.querySelectorAll("input[data-carried]").forEach((old) => old.remove());
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
  }

  // A picture (`data-shrink`: a camera's 4,000 × 3,000 photo of several MB) is drawn again at
  // the size the server keeps before it is sent; a file still over the upload limit
  // (`data-max-bytes`) is refused here in the page's words, and the form stays as typed (the
  // server, answering before such a file had arrived, would cut the connection).
  async function fit(form) {
    for (const input of form.querySelectorAll("input[type=file][data-max-bytes]")) {
      const file = input.files && input.files[0];
      if (!file) continue;
      const side = Number(input.dataset.shrink || 0);
      // Some galleries name no type, or image/jpg: the browser decides whether it can draw it.
    if (side && (file.type === "" || file.type.startsWith("image/")) && file.size > 512 * 1024) {
        try {
          const picture = await createImageBitmap(file);
          const scale = Math.min(1, side / Math.max(picture.width, picture.height));
          const canvas = document.createElement("canvas");
          canvas.width = Math.round(picture.width * scale);
          canvas.height = Math.round(picture.height * scale);
          const context = canvas.getContext("2d");
        // On white paper, as the server keeps a drawing: a JPEG has no transparency.
        context.fillStyle = "#fff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(picture, 0, 0, canvas.width, canvas.height);
        picture.close();
          const jpeg = await new Promise((done) => canvas.toBlob(done, "image/jpeg", 0.9));
          if (jpeg && jpeg.size < file.size) {
            const files = new DataTransfer();
            files.items.add(new File([jpeg], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }));
            input.files = files.files;
          }
        } catch (_) {
          // A picture the browser cannot draw goes as it is: the server says what is wrong.
        }
      }
      if (input.files[0].size > Number(input.dataset.maxBytes)) {
        input.setCustomValidity(input.dataset.tooLarge || "");
        input.reportValidity();
        input.addEventListener("change", () => input.setCustomValidity(""), { once: true });
        return false;
      }
    }
    return true;
  }

  // A refused form comes back with the reason just above it (`#refused`, where the browser
  // scrolls after a redirect it followed itself). After the islands router's, scroll here.
  document.addEventListener("submit", () => {
    document.getElementById("refused")?.removeAttribute("id");
    const watch = new MutationObserver(() => {
      const notice = document.getElementById("refused");
      if (!notice) return;
      watch.disconnect();
      notice.scrollIntoView({ block: "center" });
      // Someone saved the record meanwhile: the form shows their version (what was typed
      // is listed above it), not the values the router left in the fields.
      const typed = notice.nextElementSibling;
      if (typed && typed.matches(".unsaved")) typed.nextElementSibling?.reset?.();
    });
    watch.observe(document.body, { subtree: true, childList: true, attributeFilter: ["id"] });
    setTimeout(() => watch.disconnect(), 20000);
  });

  // The outbox sent the entry this page's form had kept (`data-outbox-saved`, what was sent).
  // Unchanged since, the page goes on as a plain save would. Changed since (a tick after
  // the save, offline), it stays as it is, to be saved again, and stands for what was just
  // saved: what the check-in showed (`was[]`) is what was sent, so a box unticked since is
  // unticked by the next save; a record's version has moved on by that save. A form of new
  // records (`data-outbox-each`, whose entry id the server now knows) goes on as before.
  document.addEventListener("hope-sent", () => {
    for (const form of document.querySelectorAll("form[data-outbox-saved]")) {
      const saved = new URLSearchParams(form.dataset.outboxSaved);
      const to = form.dataset.outboxTo;
      delete form.dataset.outboxSaved;
      delete form.dataset.outboxTo;
      // The button that sent it ("全班都完成了") did its part on screen already.
      form.querySelectorAll("button[name]").forEach((b) => saved.delete(b.name));
      const same = new URLSearchParams(new FormData(form)).toString() === saved.toString();
      if (same || form.hasAttribute("data-outbox-each")) {
        if (!to) return location.reload();
        const link = Object.assign(document.createElement("a"), { href: to });
        document.body.append(link);
        link.click();
        return link.remove();
      }
      form.querySelectorAll('input[name="was[]"]').forEach((was) => was.remove());
      for (const done of saved.getAll("done[]")) {
        form.append(Object.assign(document.createElement("input"), { type: "hidden", name: "was[]", value: done }));
      }
      const version = form.querySelector("input[type=hidden][name=version]");
      if (version && saved.has("version")) version.value = Number(saved.get("version")) + 1;
      // Said under the outbox's line (what was sent), which stays in sight at the top; gone
      // with the next save, as the line of a form not sent is.
      const notice = document.createElement("p");
      notice.className = "flash flash-warn";
      notice.setAttribute("role", "alert");
      notice.dataset.offlineNotice = "";
      notice.textContent = document.querySelector("[data-outbox-msg=sent-changed]")?.textContent || "";
      const status = document.querySelector(".outbox-status");
      if (status) status.append(notice);
      else form.before(notice);
    }
  });

  // The outbox sent entries kept on this device (`hope-sent`): the page's lists marked
  // `data-refresh` are brought up to date from the server, the rest (a form being typed
  // in) left as it is. Without an answer they stay as they were.
  document.addEventListener("hope-sent", async () => {
    const here = location.href;
    if (!document.querySelector("[data-refresh]")) return;
    try {
      const answer = await fetch(here, { headers: { Accept: "text/html" } });
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
      // Only onto the page it was fetched for (the router may have opened another since).
      const same = answer.ok && !answer.redirected && location.href === here;
      for (const old of same ? document.querySelectorAll("[data-refresh]") : []) {
        const now = fresh.querySelector(`[data-refresh="${old.dataset.refresh}"]`);
        if (now) old.replaceWith(document.adoptNode(now));
      }
    } catch (_) {
      // No signal again: the list is brought up to date when the page is next opened.
    }
  });

  // The school's offline page for a page opened with no network (`public/sw.js`).
  navigator.serviceWorker?.register("/sw.js").catch(() => {});

  // Back to a page kept whole by the browser: its upload is no longer under way.
  addEventListener("pageshow", (e) => {
    if (!e.persisted) return;
    document.querySelectorAll(".native-submit .upload-progress").forEach((p) => p.setAttribute("hidden", ""));
    document.querySelectorAll("form[data-sending]").forEach((f) => delete f.dataset.sending);
  });
})();
