// "Cite this page" (templates/partials/cite.html): copy the citation, its
// BibTeX or its CSL-JSON, each with today's date as the date of access, which
// a page built once cannot know. Nothing is fetched; the texts are the page's.

// The sentences come from the page, in its language (data-messages on the section).
const section = document.querySelector("section.cite");
const M = JSON.parse((section && section.dataset.messages) || "{}");
const lang = document.documentElement.lang || "en";
const now = new Date();
const parts = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
const iso = parts.map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
// "17 February 2025" (British order, as the pages write dates), "17 février 2025".
const today = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric" })
  .format(now);
const status = document.getElementById("cite-status");

for (const span of document.querySelectorAll("[data-cite-accessed]")) {
  span.textContent = (M.accessed || ", accessed {date}").replace("{date}", today);
}

// What to copy from each block: the text as shown, with the date of access added.
function accessed(id, text) {
  if (id === "cite-bibtex") return text.replace(/\n}\s*$/, `\n  urldate = {${iso}},\n}\n`);
  if (id === "cite-csl") {
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

for (const button of document.querySelectorAll("button[data-copy]")) {
  const id = button.dataset.copy;
  const source = document.getElementById(id);
  if (!source) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const done = await copy(accessed(id, source.textContent));
    status.textContent = done ? button.dataset.copied : M.failed;
  });
}
for (const help of document.querySelectorAll(".cite-help")) help.hidden = false;
