// The search page: Pagefind's JavaScript API with the archive's own markup.
// The query and filters live in the address (?q=Wagner&location=Abeibara),
// so a search can be shared, bookmarked and reloaded.

const root = document.getElementById("search");
const base = root.dataset.base;
const form = root.querySelector("form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const older = document.getElementById("search-older");
// The filters: a list to choose from, or, for a long one (thousands of places),
// a box to type in with the values suggested as it is typed.
const selects = [...root.querySelectorAll("[data-filter]")];
const PAGE = 10;
// The page's language: the kinds of page as its index names them, and its sentences.
const KINDS = JSON.parse(root.dataset.kinds || "{}");
const M = JSON.parse(root.dataset.messages || "{}");
const kind = (k) => KINDS[k] || k;
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const number = new Intl.NumberFormat(document.documentElement.lang).format;  // "2 953" in French
root.querySelector(".search-box").hidden = false;  // hidden without JavaScript, which search needs

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0;
let loaded = new Map();  // result id → its data, loaded once per search

function dataOf(result) {
  if (!loaded.has(result.id)) loaded.set(result.id, result.data());
  return loaded.get(result.id);
}

// Titles and names compared as a reader would: case, accents, spacing, dashes and
// hyphens ("Gao-Algeria road" is "Gao–Algeria road", "Diaga-Hober" is "Diaga Hober")
// and apostrophes (’ is ') aside.
function folded(text) {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[-\u2010-\u2015\u2212]/g, " ")
    .replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase().replace(/\s+/g, " ").trim();
}

// A query as the index is asked it: a name written with hyphens ("Diaga-Hober",
// as often as "Diaga Hober") asked as its words, which the index holds either way.
function words(query) {
  return query.replace(/([\p{L}\p{N}])[-\u2010-\u2015]+(?=[\p{L}\p{N}])/gu, "$1 ");
}

// A place's or an actor's name searched is most often a search for what
// happened there, or what it did: the events and reports that say it most
// keep the first place. The page the name is the name of (an actor's other
// names too: "FAMa", "Forces Armées Maliennes") comes second at the latest,
// right under the first result (on a 390 px phone one scroll below the form):
// in shards it came 24th for "FAMa" at 2,000 reports, 68th at 10,000, after
// every event naming the army more often.
// Those pages are told apart with nothing to fetch: in shards they are an
// index of their own (its filter), and they alone carry the sort key "name"
// (an index's sorted search leaves out the pages without it). Then the data
// of the first three of them in the results says which is named so.
async function namedSecond(found, query, filters) {
  const asked = { filters: { ...filters, shard: { any: named } }, sort: { name: "asc" } };
  const among = new Set((await pagefind.search(words(query), asked)).results.map((r) => r.id));
  const pages = found.filter((r) => among.has(r.id)).slice(0, 3);
  const data = await Promise.all(pages.map(dataOf));
  const wanted = folded(query);
  const own = pages.find((_, i) => NAMED.includes(data[i].meta.kind) && namesOf(data[i]).some((n) => folded(n) === wanted));
  const at = own ? found.indexOf(own) : -1;
  if (at <= 1) return found;
  return [found[0], own, ...found.slice(1, at), ...found.slice(at + 1)];
}

// An actor's or a place's names, as its page gives them to the index.
function namesOf(data) {
  let others = [];
  try {
    others = JSON.parse(data.meta.names || "[]");
  } catch (error) {
    others = [];
  }
  return [data.meta.title || "", ...(Array.isArray(others) ? others : [])].filter((n) => typeof n === "string");
}

// Among the first results, the events and reports titled exactly as the query
// come first. A large archive's index is in shards, and each weighs a word by
// its own pages: a page of another shard where the word is rarer can outrank
// the one named by the query.
async function titledFirst(found, query) {
  const head = found.slice(0, PAGE);
  const titles = (await Promise.all(head.map(dataOf))).map((d) =>
    DATED.includes(d.meta && d.meta.kind) ? folded(d.meta.title || "") : null);
  const wanted = folded(query);
  const exact = head.filter((_, i) => titles[i] === wanted);
  if (!exact.length) return found;
  return [...exact, ...head.filter((_, i) => titles[i] !== wanted), ...found.slice(PAGE)];
}

function say(text) {
  status.textContent = text;
}

// Pagefind's excerpts are HTML with <mark> around the matched words: keep
// the text and the marks, nothing else.
function excerpt(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const p = document.createElement("p");
  p.className = "excerpt";
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(node.textContent);
    }
  }
  return p;
}

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement("h2");
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.kind, data.meta.date, data.meta.toll, data.meta.source, data.meta.events]
    .filter(Boolean).join(" · ");
  // An English report's title on a French page (its excerpt mixes its words with the page's own facts).
  if (data.meta.lang) link.lang = data.meta.lang;
  li.append(heading, meta, excerpt(data.excerpt || ""));
  return li;
}

// The filters as a search asks them: [control, value], taken when it starts
// (a box typed in meanwhile is a later search's).
const asked = () => selects.map((select) => [select, select.value.trim()]);

function chosen(pairs) {
  const filters = {};
  for (const [select, value] of pairs) {
    if (value) filters[select.dataset.filter] = [value];
  }
  return filters;
}

function address(pairs, words = input.value.trim()) {
  const params = new URLSearchParams();
  if (words) params.set("q", words);
  for (const [select, value] of pairs) {
    if (value) params.set(select.name, value);
  }
  switches(params);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

// The switch to the search page in another language keeps the words searched and
// the years (the other filters' values are names in the page's language).
function switches(params) {
  const kept = new URLSearchParams([...params].filter(([name]) => name === "q" || name === "year"));
  const query = kept.toString();
  for (const a of document.querySelectorAll("nav.languages a[hreflang]")) {
    a.href = a.href.split(/[?#]/)[0] + (query ? `?${query}` : "");
  }
}

async function showMore() {
  const mine = generation;
  const next = results.slice(shown, shown + PAGE);
  const data = await Promise.all(next.map(dataOf));
  if (mine !== generation) return;
  list.append(...data.map(item));
  shown += next.length;
  more.hidden = shown >= results.length;
}

// Without words there is no relevance to rank by: list the latest first,
// then the actors and places. Each shard is sorted on its own (merged results
// are ranked by score, and a sorted search scores by place in its own shard):
// the shards hold spans of time, newest first, so they are asked in turn.
const DATED = [kind("Event"), kind("Report")];
const NAMED = [kind("Actor"), kind("Location")];
let spans = ["main"];  // the merged shards of dated pages, newest first
let named = ["main"];  // the shards of actors and places

// A large archive's index comes in shards (pagefind/shards.json): the actors
// and places, then spans of years of events and reports, newest first. Each
// index costs a visitor about 30 KB for every word searched, so the page
// merges the actors, the places and the latest years at once, and earlier
// years when a reader asks for them (a year filter, "Also search …", or a
// search that finds nothing in the latest years).
let dated = new Map();     // merged shard of events and reports → its years
let pending = [];          // shards of events and reports not merged yet, newest first

const nameOf = (shard) => shard.path.replace(/^shards\/|\/$/g, "");

// In shards the actors and places are an index of their own, of few pages, and
// each index weighs a word by its own pages: a word most events say is rare
// there, and an actor's profile saying "investigation" once came first of 175
// results at 2,000 reports. Their scores are weighed down to rank as one index
// ranks: the actors and places in the first three of 32 searches (common
// words, names, other names, places) as one index has them, in all but 2 at
// 300 reports (16 unweighed; 5 at 0.25) and all at 2,000 (17 unweighed; 3 at
// 0.25). A name searched still finds its page second (namedSecond). One index
// weighs all its pages alike: the weight changes no order.
const NAMES_WEIGHT = 0.1;

async function merge(shard) {
  await pagefind.mergeIndex(`${base}pagefind/${shard.path}`,
                            { baseUrl: base, excerptLength: 30, mergeFilter: { shard: nameOf(shard) },
                              ...(shard.from === undefined ? { indexWeight: NAMES_WEIGHT } : {}) });
  if (shard.from === undefined) {
    named.push(nameOf(shard));
    return;
  }
  dated.set(nameOf(shard), shard);
  spans = [...dated.values()].sort((a, b) => b.to - a.to || b.from - a.from).map(nameOf);
}

// Shards being merged: a search that starts meanwhile waits for them (they are
// no longer pending, and not yet searched).
let merging = Promise.resolve();

async function mergeWhere(wanted) {
  const now = [];
  const rest = [];
  for (const shard of pending) (wanted(shard) ? now : rest).push(shard);  // asked once each, in order
  pending = rest;
  const these = merging.then(async () => { for (const shard of now) await merge(shard); });
  merging = these.catch(() => {});
  await these;
  return now.length;
}

// The years searched so far ("of 2023–2025"), and those left ("2012–2022"), by
// the years their events start: a shard ending with a December event that ran
// into January is not one of January's year. `one` says a single year, `many`
// a span (in French "de 2023 à 2025", "en 2012").
function years(shards, one, many) {
  const from = Math.min(...shards.map((s) => s.from));
  const to = Math.max(...shards.map((s) => s.last ?? s.to));
  return from === to ? fill(one, { year: from }) : fill(many, { from, to });
}

// What the shards merged so far cover, and those left, in words: by years
// ("of 2023–2025"; "Also search 2012–2022"); where the latest shards begin
// within a year, by the month they begin ("since July 2025"; "Also search
// before July 2025"), so that an event of that year's first months is not
// said to have been searched; where a month is shared between a shard merged
// and one left (a month of more pages than a shard holds), neither. (Events
// dated by their year alone are its month "00": they begin it.)
function searched() {
  const merged = [...dated.values()];
  const since = merged.map((s) => s.since).sort()[0];
  if (!since || pending.some((s) => s.until >= since)) return { among: M.latest, older: M.olderEarlier };
  if (!pending.some((s) => s.until.slice(0, 4) === since.slice(0, 4))) {  // its first year whole
    return { among: years(merged, M.amongOne, M.among), older: years(pending, M.olderOne, M.older) };
  }
  const month = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
                                        { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(Number(since.slice(0, 4)), Number(since.slice(5, 7)) - 1, 1)));
  return { among: fill(M.since, { month }), older: fill(M.olderBefore, { month }) };
}

async function latest(filters) {
  const found = [];
  const seen = new Set();
  for (const dated of [true, false]) {
    const kinds = (filters.kind || (dated ? DATED : [kind("Actor"), kind("Location")])).filter((k) => DATED.includes(k) === dated);
    if (!kinds.length) continue;
    for (const shard of dated ? spans : named) {
      const asked = { ...filters, kind: { any: kinds }, shard: [shard] };
      for (const result of (await pagefind.search(null, { filters: asked, sort: { date: "desc" } })).results) {
        if (!seen.has(result.id)) found.push(result);  // a page of several years is found once
        seen.add(result.id);
      }
    }
  }
  return found;
}

// A search; one that fails (a shard that could not be loaded) says so, rather
// than "Searching…" for good.
async function run() {
  const mine = generation + 1;
  try {
    await ask();
  } catch (error) {
    if (mine === generation) say(M.failed);
  }
}

async function ask() {
  const mine = ++generation;
  const query = input.value.trim();
  let wanted = asked();
  let filters = chosen(wanted);
  history.replaceState(null, "", address(wanted, query));
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    older.hidden = true;
    say(M.empty);
    return;
  }
  if (!pagefind) return;
  say(M.searching);
  older.hidden = true;
  loaded = new Map();
  await merging;
  if (mine !== generation) return;
  if (filters.year) {
    const year = Number(filters.year[0]);
    await mergeWhere((s) => s.from <= year && year <= s.to);
  }
  const find = async () => (query ? (await pagefind.search(words(query), { filters })).results : await latest(filters));
  let found = await find();
  if (mine !== generation) return;
  let unknown = false;
  if (!found.length && wanted.some(([select, value]) => select.list && value)) {
    // A name typed in a long filter's box, as the index writes it ("moura" is
    // "Moura"), asked again; a name the index has not, said at once, without
    // fetching every year to find nothing.
    await counted();
    if (mine !== generation) return;
    const settled = wanted.map(([select, value]) => [select, select.list && value ? valueOf(select, value) : value]);
    unknown = settled.some(([, value]) => value === null);
    if (!unknown && settled.some(([, value], i) => value !== wanted[i][1])) {
      settled.forEach(([select, value], i) => { if (select.value.trim() === wanted[i][1]) select.value = value; });
      wanted = settled;
      filters = chosen(wanted);
      history.replaceState(null, "", address(wanted, query));
      found = await find();
      if (mine !== generation) return;
    }
  }
  if (!unknown && !found.length && pending.length && await mergeWhere(() => true)) {
    found = await find();  // nothing in the latest years: every year, before saying "no results"
    if (mine !== generation) return;
  }
  if (query) found = await titledFirst(await namedSecond(found, query, filters), query);
  if (mine !== generation) return;
  results = found;
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (mine !== generation) return;
  // The count is said once the first results are on the page.
  const what = query ? fill(M.for, { query }) : "";
  const narrowed = Object.values(filters).length ? " " + M.filtered : "";
  const count = fill(results.length === 1 ? M.one : M.many, { n: number(results.length) });
  const among = pending.length && !filters.year && dated.size ? " " + searched().among : "";
  say(results.length ? `${count} ${what}${narrowed}${among}`.replace(/\s+/g, " ").trim()
                     : `${M.none} ${what}${narrowed}.`.replace(/\s+/g, " "));
  if (pending.length && !filters.year && !unknown) {  // a name the index has not is in no year
    older.textContent = searched().older;
    older.hidden = false;
  }
}

// A short filter's values are written into the page; how many pages carry each
// comes from the index's filter files, fetched the first time a filter is
// touched, so that a visitor who only types never pays for them. A long
// filter's values come from those files too, as suggestions for its box.
let counting = null;
let values = {};  // filter → value → pages, once fetched

function counted() {
  if (!counting && pagefind) {
    counting = pagefind.filters().then((counts) => {
      values = counts;
      for (const select of selects) {
        const got = counts[select.dataset.filter] || {};
        if (select.list) {
          const names = Object.keys(got).sort((a, b) => a.localeCompare(b, document.documentElement.lang));
          select.list.replaceChildren(...names.map((name) => new Option(`${name} (${number(got[name])})`, name)));
          continue;
        }
        for (const option of select.options) {
          if (option.value && got[option.value] !== undefined) option.textContent = `${option.value} (${number(got[option.value])})`;
        }
      }
      // Pagefind answers with what it could load: a filter file that failed is
      // asked again at the next touch.
      if (selects.some((box) => box.list && !whole(box))) counting = null;
    }).catch(() => { counting = null; });
  }
  return counting;
}

// Whether every value of a long filter came (the page says how many there are).
const whole = (box) => Object.keys(values[box.dataset.filter] || {}).length >= Number(box.dataset.values);

// The value of a long filter a name typed in its box is ("moura": "Moura"); null
// when the index has none such; the name as typed when its values did not all come.
function valueOf(box, typed) {
  const names = Object.keys(values[box.dataset.filter] || {});
  if (names.includes(typed)) return typed;
  const wanted = folded(typed);
  return names.find((name) => folded(name) === wanted) ?? (whole(box) ? null : typed);
}

function choose(select, wanted) {
  if (select.list) {
    select.value = wanted || "";
    return;
  }
  if (wanted && ![...select.options].some((o) => o.value === wanted)) {
    const option = document.createElement("option");
    option.value = wanted;
    option.textContent = wanted;
    select.append(option);
  }
  select.value = wanted || "";
}

async function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  // While the index loads (seconds on a slow connection), a search asked is said
  // to be under way and kept, not a page reloaded with nothing said: run() below
  // asks what the box holds once the index is there.
  let ready = false;
  const early = (event) => {
    if (ready) return;
    event.preventDefault();
    if (input.value.trim()) say(M.searching);
  };
  form.addEventListener("submit", early);
  if (input.value.trim()) say(M.searching);
  try {
    pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base, excerptLength: 30, mergeFilter: { shard: "main" }, indexWeight: NAMES_WEIGHT });
    await pagefind.init();
    // Merged, shards answer as one index; each is told apart by a filter of its own.
    const listing = await fetch(`${base}pagefind/shards.json`).then((r) => r.json());
    pending = listing.shards.filter((s) => s.from !== undefined);
    if (pending.length) spans = [];
    for (const shard of listing.shards.filter((s) => s.from === undefined)) await merge(shard);
    let pages = 0;
    await mergeWhere((s) => (pages += s.pages) - s.pages < listing.first);  // at least the latest shard
    for (const select of selects) choose(select, params.get(select.name));
    const box = root.querySelector(".filters-box");
    box.open = selects.some((select) => select.value) || matchMedia("(min-width: 40em)").matches;
    box.hidden = false;
  } catch (error) {
    form.removeEventListener("submit", early);  // the form sent again: the page and its index loaded anew
    say(M.failed);
    return;
  }
  ready = true;
  form.removeEventListener("submit", early);
  let timer = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  for (const select of selects) {
    select.addEventListener("change", run);
    // A box emptied (its ×, Escape) or given a whole name (a suggestion picked) asks at once.
    if (select.list) select.addEventListener("input", () => {
      const value = select.value.trim();
      if (!value || (values[select.dataset.filter] || {})[value] !== undefined) run();
    });
    for (const touch of ["focus", "pointerdown"]) select.addEventListener(touch, counted);
  }
  more.addEventListener("click", showMore);
  older.addEventListener("click", async () => {
    older.hidden = true;
    say(M.everyYear);
    try {
      await mergeWhere(() => true);
    } catch (error) {
      say(M.failed);
      return;
    }
    await run();
  });
  await run();
}

start();
