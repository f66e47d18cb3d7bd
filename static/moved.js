// On the site's 404 page: an address a report or an event had before its file was
// renamed (moved.json, from the archive's git history) leads to its page now,
// in the same language, with the same file beside it (cite.bib) and the same
// #fragment. The JSON is the site's own: a path within the site, never elsewhere.
const tag = document.querySelector("script[data-moved]");
if (tag) {
  const source = new URL(tag.dataset.moved, location.href);
  const root = source.pathname.slice(0, source.pathname.lastIndexOf("/") + 1);
  const path = location.pathname;
  // "reports/old/", "fr/reports/old/cite.bib", "reports/old" (the host adds no slash to what it lacks)
  const found = path.startsWith(root) &&
    path.slice(root.length).match(/^((?:[a-z]{2}\/)?)(reports|events)\/([a-z0-9-]+)(?:\/(.*))?$/);
  if (found) {
    fetch(source)
      .then((answer) => (answer.ok ? answer.json() : {}))
      .then((moved) => {
        const now = moved[`${found[2]}/${found[3]}/`];
        if (typeof now === "string" && new RegExp(`^${found[2]}/[a-z0-9-]+/$`).test(now)) {
          location.replace(root + found[1] + now + (found[4] || "") + location.search + location.hash);
        }
      })
      .catch(() => {});
  }
}
