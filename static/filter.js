// Filter and sort every event on /events/, in the browser, from the small
// data file the build writes (data/events-filter.json): no server. The state
// lives in the address (?actor=…&from=2020&sort=toll), so a filtered list can
// be shared; the rows shown can be downloaded as CSV. Without JavaScript the
// page keeps its lists by period.
(function () {
  "use strict";
  var form = document.getElementById("event-filter");
  if (!form || !window.fetch) return;
  // The page's language: its sentences (render.filter_messages), its plural rules and its numbers.
  var M = JSON.parse(form.dataset.messages || "{}");
  var lang = document.documentElement.lang || "en";
  var plural = new Intl.PluralRules(lang), numbers = new Intl.NumberFormat(lang);
  var MONTHS = M.months;
  var STEP = 100; // rows shown at a time
  var paged = document.getElementById("paged-list");
  var results = document.getElementById("filter-results");
  var tbody = document.getElementById("filter-rows");
  var more = document.getElementById("f-more");
  var status = document.getElementById("filter-status");
  var NAMES = ["actor", "role", "place", "country", "from", "to", "toll", "tag", "sort"];
  var data = null, rows = [], shown = 0;

  function field(name) { return form.elements.namedItem(name); }

  // The switch to the page in another language keeps the filters whose values
  // are the same in each (a country is chosen by its name, in the page's language).
  function switches(s) {
    var kept = NAMES.filter(function (n) { return s[n] && n !== "country"; })
      .map(function (n) { return n + "=" + encodeURIComponent(s[n]); }).join("&");
    document.querySelectorAll("nav.languages a[hreflang]").forEach(function (a) {
      a.href = a.href.split(/[?#]/)[0] + (kept ? "?" + kept : "");
    });
  }

  // o: [value, text, and true where the text is in the archive's language, not the page's]
  function fill(select, options) {
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o[0];
      option.textContent = o[1];
      if (o[2]) option.lang = data.other;
      select.appendChild(option);
    });
  }

  function byName(a, b) { return a[1].localeCompare(b[1], lang); }

  // A message with its {name}s filled in; a pair [one, other] picks its form by `count`.
  function say(message, values, count) {
    if (Array.isArray(message)) message = message[plural.select(count) === "one" ? 0 : 1];
    return message.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function num(n) { return numbers.format(n); }

  // The day of the month as the page's language writes it: "1er" in French.
  function dayOfMonth(d) { return Number(d) === 1 && M.first ? M.first : String(Number(d)); }

  function dayText(iso) {
    var p = iso.split("-");
    if (p.length === 3) return dayOfMonth(p[2]) + " " + MONTHS[p[1] - 1] + " " + p[0];
    if (p.length === 2) return MONTHS[p[1] - 1] + " " + p[0];
    return p[0];
  }

  // An event's days as the pages write them (i18n.Lang.span): "9–13 January 2012",
  // "30 June – 2 July 2024", "30 December 2024 – 2 January 2025", "March 2022 – May 2022".
  function spanText(start, end) {
    if (!end || end === start) return dayText(start);
    var a = start.split("-"), b = end.split("-");
    if (a.length === 3 && b.length === 3 && a[0] === b[0]) {
      if (a[1] === b[1]) return dayOfMonth(a[2]) + "–" + dayText(end);
      return dayOfMonth(a[2]) + " " + MONTHS[a[1] - 1] + " – " + dayText(end);
    }
    return dayText(start) + " – " + dayText(end);
  }

  function tollText(e) {
    var low = e[5], high = e[6], open = e[7];
    if (low === null) return "";
    if (low === high) return open ? say(M.atLeast, { n: num(high) }) : num(high);
    if (open) return say(M.toAtLeast, { low: num(low), high: num(high) });
    return low === 0 ? say(M.upTo, { n: num(high) }) : num(low) + "–" + num(high);
  }

  function state() {
    var out = {};
    NAMES.forEach(function (n) {
      var v = field(n).value.trim();
      if (v) out[n] = v;
    });
    return out;
  }

  // The events that match, in the order asked for: indexes into data.events.
  function select(s) {
    var actor = -1, place = -1, country = -1, tag = -1, role = 0;
    if (s.actor) actor = data.actors.findIndex(function (a) { return a[1] === s.actor; });
    if (s.place) place = data.places.findIndex(function (p) { return p[1] === s.place; });
    if (s.country) country = data.countries.indexOf(s.country);
    if (s.tag) tag = data.tags.findIndex(function (t) { return t[1] === s.tag; });
    if (s.role) role = 1 << data.roles.indexOf(s.role);
    var from = s.from ? Number(s.from) : -Infinity, to = s.to ? Number(s.to) : Infinity;
    var toll = s.toll ? Number(s.toll) : 0;
    var out = [];
    var events = data.events;
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      if ((s.actor && actor < 0) || (s.place && place < 0) || (s.tag && tag < 0) || (s.country && country < 0)) break;
      if (place >= 0 && e[4] !== place) continue;
      if (country >= 0 && data.places[e[4]][2] !== country) continue;
      var start = Number(e[2].slice(0, 4)), end = e[3] ? Number(e[3].slice(0, 4)) : start;
      if (start > to || end < from) continue;
      if (toll && (e[5] === null || e[5] < toll)) continue;
      if (tag >= 0 && e[10].indexOf(tag) < 0) continue;
      if (actor >= 0 || role) {
        var ok = false;
        for (var j = 0; j < e[9].length; j++) {
          var a = e[9][j];
          if ((actor < 0 || a[0] === actor) && (!role || (a[1] & role))) { ok = true; break; }
        }
        if (!ok) continue;
      }
      out.push(i);
    }
    if (s.sort === "date") return out;
    if (s.sort === "toll") {
      return out.sort(function (a, b) {
        var x = events[a], y = events[b];
        var lx = x[5] === null ? -1 : x[5], ly = y[5] === null ? -1 : y[5];
        return ly - lx || (y[6] === null ? -1 : y[6]) - (x[6] === null ? -1 : x[6]) || b - a;
      });
    }
    return out.reverse();
  }

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  function cell(tr, content) {
    var td = document.createElement("td");
    if (typeof content === "string") td.textContent = content; else td.appendChild(content);
    tr.appendChild(td);
  }

  function showMore() {
    var frag = document.createDocumentFragment();
    var end = Math.min(rows.length, shown + STEP);
    for (var k = shown; k < end; k++) {
      var e = data.events[rows[k]], place = data.places[e[4]];
      var tr = document.createElement("tr");
      var time = document.createElement("time");
      time.dateTime = e[2];
      time.textContent = spanText(e[2], e[3]);
      cell(tr, time);
      var title = link(data.prefix + "events/" + e[0] + "/", e[1]);
      if (e[11]) title.lang = data.other;
      cell(tr, title);
      cell(tr, link(data.prefix + "locations/" + place[1] + "/", place[0]));
      var t = tollText(e);
      if (t) {
        cell(tr, say(M.killed, { toll: t }, e[6]));
      } else {  // as the list writes it: "not given", not a bare "–" read as none
        var none = document.createElement("span");
        none.className = "note";
        none.textContent = M.notGiven;
        cell(tr, none);
      }
      var count = document.createDocumentFragment(), unit = document.createElement("span");
      unit.className = "unit";
      unit.textContent = " " + say(M.reports, {}, e[8]);
      count.append(num(e[8]), unit);
      cell(tr, count);
      frag.appendChild(tr);
    }
    tbody.appendChild(frag);
    shown = end;
    more.hidden = shown >= rows.length;
    more.textContent = say(M.more, { step: num(Math.min(STEP, rows.length - shown)), left: num(rows.length - shown) });
  }

  function run(push) {
    var s = state();
    var query = NAMES.filter(function (n) { return s[n]; })
      .map(function (n) { return n + "=" + encodeURIComponent(s[n]); }).join("&");
    if (push) history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    switches(s);
    if (!query) {
      paged.hidden = false;
      results.hidden = true;
      status.textContent = say(M.all, { n: num(data.events.length) }, data.events.length);
      return;
    }
    var started = performance.now();
    rows = select(s);
    tbody.textContent = "";
    shown = 0;
    showMore();
    paged.hidden = true;
    results.hidden = false;
    form.dataset.ms = String(performance.now() - started);
    status.textContent = say(M.match, { n: num(rows.length) }, rows.length);
  }

  // As events.csv: a text that a spreadsheet would take for a formula after a "'" (data.py's _text_cell).
  function csvField(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (typeof value === "string") {
      // each part after a ";" too: a spreadsheet set to French splits the CSV there
      text = text.replace(/(;[ \t]*)(?=[=+\-@\t\r'])/g, "$1'");
      if (/^[=+\-@\t\r']/.test(text)) text = "'" + text;  // and one that begins with "'": removable
    }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The matching rows (all of them, not only those shown) as CSV text: the
  // columns of /data/events.csv it can give, named and ordered as there
  // (lists joined by "; ", an actor as "name: role, role", lines ending in
  // LF); titles, places, countries and actors as the page names them, in its
  // language: the slug joins a row to events.csv's.
  function csv() {
    var lines = [["slug", "title", "date", "date_precision", "end_date", "location", "country", "toll_min", "toll_max",
      "toll_max_is_lower_bound", "actors", "report_count", "url", "actor_roles", "tags"].join(",")];
    rows.forEach(function (i) {
      var e = data.events[i], place = data.places[e[4]];
      var names = e[9].map(function (a) { return data.actors[a[0]][0]; });
      var roles = e[9].map(function (a) {
        var given = data.roles.filter(function (r, bit) { return a[1] & (1 << bit); });
        return data.actors[a[0]][0] + (given.length ? ": " + given.join(", ") : "");
      });
      var tags = e[10].map(function (t) { return data.tags[t][2] || data.tags[t][0]; });  // as events.csv writes it
      var precision = { 4: "year", 7: "month", 10: "day" }[String(e[2]).length] || "";
      lines.push([e[0], e[1], e[2], precision, e[3], place[0], data.countries[place[2]], e[5], e[6],
        e[5] === null ? "" : (e[7] ? "true" : "false"), names.join("; "), e[8],
        data.site + "events/" + e[0] + "/", roles.join("; "), tags.join("; ")].map(csvField).join(","));
    });
    return lines.join("\n") + "\n";
  }

  function download() {
    var blob = new Blob([csv()], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "events-filtered.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  // The data (142 KB at 3,000 reports) is fetched when the filter is opened,
  // or at once for an address that carries filters: a reader who only browses
  // the lists never pays for it.
  var box = document.getElementById("filter-box");
  var params = new URLSearchParams(location.search);
  var asked = NAMES.some(function (n) { return params.get(n); });
  var loading = false;
  form.hidden = false;
  box.addEventListener("toggle", function () { if (box.open) load(); });
  if (asked) load();

  function load() {
    if (loading) return;
    loading = true;
    status.textContent = M.loading;
    fetch(form.dataset.source).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(ready, function () {
      loading = false;  // asked again when the filter is opened again
      status.textContent = M.failed;
    });
  }

  function ready(d) {
    data = d;
    fill(field("actor"), d.actors.map(function (a) { return [a[1], a[0], a[2] && d.other]; }).sort(byName));
    fill(field("role"), d.roles.map(function (r) { return [r, M.roles[r] || r]; }));
    fill(field("place"), d.places.map(function (p) { return [p[1], p[0]]; }).sort(byName));
    fill(field("country"), d.countries.slice(1).map(function (c) { return [c, c]; }));
    fill(field("tag"), d.tags.map(function (t) { return [t[1], t[0], !t[2] && d.other]; }).sort(byName));
    NAMES.forEach(function (n) { if (params.get(n)) field(n).value = params.get(n); });
    if (Object.keys(state()).length) box.open = true;
    form.addEventListener("change", function () { run(true); });
    form.addEventListener("input", function (ev) { if (ev.target.type === "number") run(true); });
    form.addEventListener("reset", function () { setTimeout(function () { run(true); }, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(true); });
    more.addEventListener("click", showMore);
    document.getElementById("f-csv").addEventListener("click", function () {
      rows = select(state());
      download();
    });
    run(false);
    form.dataset.ready = "true";
  }
})();
