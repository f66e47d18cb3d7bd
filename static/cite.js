// "Cite this page" (templates/partials/cite.html): buttons that copy the
// citation, its BibTeX or its CSL-JSON, each with today's date as the date of
// access, which a page built once cannot know. The BibTeX and CSL-JSON are the
// files beside the page (cite.bib, cite.json), fetched from the addresses of
// their download links when first wanted.

// The status line names the file of the sentences and the buttons' names, in the page's language
// (one file a language, which the browser keeps once fetched). A module's top level may wait for it.
const status = document.getElementById("cite-status");
let M = {};
try {
  const response = status && await fetch(status.dataset.messages);
  if (response && response.ok) M = await response.json();
} catch (error) {
  // no buttons then: the text can still be selected and the files downloaded
}
const lang = document.documentElement.lang || "en";
const now = new Date();
const parts = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
const iso = parts.map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
// "17 February 2025" (British order, as the pages write dates), "17 février 2025"; in French the
// first of the month is "1er mai 2026", as the pages write it (Intl writes "1 mai 2026").
const today = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric" })
  .format(now).replace(/^1 /, lang.startsWith("fr") ? "1er " : "1 ");

for (const span of document.querySelectorAll("[data-cite-accessed]")) {
  if (M.accessed) span.textContent = M.accessed.replace("{date}", today);
}

// What to copy from each block: the text as shown, with the date of access added.
function accessed(id, text) {
  if (id === "bibtex") return text.replace(/\n}\s*$/, `\n  urldate = {${iso}},\n}\n`);
  if (id === "csl") {
    const items = JSON.parse(text);
    for (const item of items) item.accessed = {"date-parts": [parts]};
    return JSON.stringify(items, null, 2) + "\n";
  }
  return text.replace(/\s+/g, " ").trim();
}

// The clipboard API needs a secure context (https, or this machine); elsewhere
// a selected, hidden text area and the older copy command do it.
async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      // fall through to the older way
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch (error) {
    done = false;
  }
  area.remove();
  return done;
}

// A file is asked for when the pointer or the focus reaches its button, so
// that the click itself copies at once, while the browser still counts it
// as the reader's gesture.
const files = new Map();
function file(url) {
  if (!files.has(url)) {
    files.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.text();
    }));
  }
  return files.get(url);
}

// One button for the text, one for each file with a download link; placed after the text.
const text = document.getElementById("cite-text");
const actions = document.createElement("p");
actions.className = "cite-actions";
for (const [id, url] of [["text", null], ...[...document.querySelectorAll("a[data-copy]")].map((a) => [a.dataset.copy, a.href])]) {
  if (!text || !M[id]) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = M[id];
  if (url) {
    for (const event of ["pointerenter", "focus"]) button.addEventListener(event, () => file(url).catch(() => {}));
  }
  button.addEventListener("click", async () => {
    status.textContent = "";  // said anew after each copy
    let copied;
    try {
      copied = url ? await file(url) : text.textContent;
    } catch (error) {
      files.delete(url);
      status.textContent = M.unfetched;
      return;
    }
    const done = await copy(accessed(id, copied));
    status.textContent = done ? M.copied : M.failed;
  });
  actions.append(button, " ");
}
if (text && actions.firstChild) text.after(actions);
