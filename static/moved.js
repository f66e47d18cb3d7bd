// On the site's 404 page: an address a report or an event had before its file was
// renamed (moved.json, from the archive's git history) leads to its page now,
// in the same language, with the same file beside it (cite.bib) and the same
// #fragment. The JSON is the site's own: a path within the site, never elsewhere.
//
// A host such as GitHub Pages answers every address it lacks with the root
// 404.html, in the site's first language: an address under another language's
// folder ("fr/evenements/") gets that language's own 404 page instead, its text,
// title and links, fetched from the site (the page links it: hreflang). The
// address stays as the reader typed it.
const tag = document.querySelector("script[data-moved]");
if (tag) {
  const source = new URL(tag.dataset.moved, location.href);
  const root = source.pathname.slice(0, source.pathname.lastIndexOf("/") + 1);
  const path = location.pathname;
  const within = path.startsWith(root) ? path.slice(root.length) : null;
  // "reports/old/", "fr/reports/old/cite.bib", "reports/old" (the host adds no slash to what it lacks)
  const found = within !== null &&
    within.match(/^((?:[a-z]{2}\/)?)(reports|events)\/([a-z0-9-]+)(?:\/(.*))?$/);
  const lang = within !== null && (within.match(/^([a-z]{2})(?:\/|$)/) || [])[1];
  const own = lang && lang !== document.documentElement.lang &&
    document.querySelector(`main a[hreflang="${lang}"][href="${root}${lang}/"]`);

  const inLanguage = () => {
    if (!own) return;
    fetch(`${root}${lang}/404.html`)
      .then((answer) => (answer.ok ? answer.text() : Promise.reject(answer.status)))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        if (page.documentElement.lang !== lang || !page.body.querySelector("main")) return;
        document.documentElement.lang = lang;
        document.documentElement.dir = page.documentElement.dir || "ltr";
        document.title = page.title;
        // its scripts are not run (a parsed document's never are): this one is already here
        document.body.replaceWith(document.adoptNode(page.body));
      })
      .catch(() => {});
  };

  if (found) {
    fetch(source)
      .then((answer) => (answer.ok ? answer.json() : {}))
      .then((moved) => {
        const now = moved[`${found[2]}/${found[3]}/`];
        if (typeof now === "string" && new RegExp(`^${found[2]}/[a-z0-9-]+/$`).test(now)) {
          location.replace(root + found[1] + now + (found[4] || "") + location.search + location.hash);
        } else {
          inLanguage();
        }
      })
      .catch(inLanguage);
  } else {
    inLanguage();
  }
}
