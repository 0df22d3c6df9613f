// site_builder: small enhancements. Every page works without this file; it only adds
// the theme toggle, the copy button, the home page's filters and the search box.
// Their controls are marked `js-only`: the inline script in <head> sets the `js` class before
// the first paint, so they are laid out from the start and nothing shifts when this file runs.
"use strict";

function setupThemeToggle() {
  const button = document.querySelector("[data-theme-toggle]");
  if (!button) return;
  const root = document.documentElement;
  const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  const isDark = () => (root.dataset.theme ? root.dataset.theme === "dark" : systemDark.matches);
  const show = () => {
    button.setAttribute("aria-pressed", String(isDark()));
    button.textContent = isDark() ? "Light mode" : "Dark mode";
  };
  button.addEventListener("click", () => {
    root.dataset.theme = isDark() ? "light" : "dark";
    try {
      localStorage.setItem("theme", root.dataset.theme);
    } catch (error) {
      // storage can be off (private windows): the choice then lasts for this page only
    }
    show();
  });
  systemDark.addEventListener("change", show);
  show();
}

function setupCopyButtons() {
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!source || !navigator.clipboard) {
      button.hidden = true;
      continue;
    }
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent);
        if (status) status.textContent = "Copied to the clipboard.";
      } catch (error) {
        if (status) status.textContent = "Copying is not allowed here: select the text instead.";
      }
    });
  }
}

function setupFilters() {
  const form = document.querySelector("[data-filters]");
  const list = document.querySelector("[data-paper-list]");
  if (!form || !list) return;
  const items = Array.from(list.querySelectorAll(".paper-item"));
  const groups = Array.from(list.querySelectorAll(".year-group"));
  const status = document.querySelector("[data-filter-status]");
  const names = ["year", "topic", "author"];
  const apply = () => {
    const wanted = Object.fromEntries(names.map((name) => [name, form.elements[name].value]));
    let shown = 0;
    for (const item of items) {
      const match =
        (!wanted.year || item.dataset.year === wanted.year) &&
        (!wanted.topic || item.dataset.topics.split(" ").includes(wanted.topic)) &&
        (!wanted.author || item.dataset.authors.split(" ").includes(wanted.author));
      if (item.hidden === match) item.hidden = !match; // touching only what changes keeps the first run free
      if (match) shown += 1;
    }
    for (const group of groups) {
      const empty = !group.querySelector(".paper-item:not([hidden])");
      if (group.hidden !== empty) group.hidden = empty;
    }
    const active = names.some((name) => wanted[name]);
    status.textContent = active ? `${shown} of ${items.length} papers match.` : "";
    const params = new URLSearchParams(window.location.search);
    for (const name of names) {
      if (wanted[name]) params.set(name, wanted[name]);
      else params.delete(name);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) history.replaceState(null, "", url);
  };
  const params = new URLSearchParams(window.location.search);
  for (const name of names) {
    const value = params.get(name);
    const select = form.elements[name];
    if (value && Array.from(select.options).some((option) => option.value === value)) select.value = value;
  }
  // A shared filtered view shows its filters: open the folded panel they sit in.
  const panel = form.closest("details");
  if (panel && names.some((name) => form.elements[name].value)) panel.open = true;
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
}

function setupSearch() {
  const box = document.querySelector("[data-search]");
  if (!box || typeof PagefindUI === "undefined") return;
  const ui = new PagefindUI({
    element: box,
    bundlePath: box.dataset.bundlePath,
    // A large site's index comes in parts (Pagefind's memory grows with the pages it indexes).
    mergeIndex: (box.dataset.mergeBundles || "").split(" ").filter(Boolean).map((bundlePath) => ({ bundlePath })),
    baseUrl: box.dataset.baseUrl,
    showImages: false,
    resetStyles: false,
  });
  // Pagefind's input has only a placeholder; give it a name that assistive technology reads.
  const input = box.querySelector("input");
  if (!input) return;
  input.setAttribute("aria-label", "Search papers");
  // The query lives in the address (`/search/?q=sparse`), so a search can be linked and shared.
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
  input.addEventListener("input", () => {
    const url = new URL(window.location.href);
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupThemeToggle();
  setupCopyButtons();
  setupFilters();
  setupSearch();
});
