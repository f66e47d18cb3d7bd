"""Random changes to a sample archive, each checked the way a clean build would:
every page whose bytes change must be among those affected.py names, and
relink (the incremental build's linking) must give what link gives.

    .venv/bin/python bench/fuzz_incremental.py                      # 100 steps on 80 reports
    .venv/bin/python bench/fuzz_incremental.py --steps 300 --seed 7 --list-page 3 --french

Each step makes one to three changes (reports, actor files, event files:
names, spellings, dates, places, tolls, roles, order, files added and
deleted), renders the whole site before and after, and prints a line; the
changes are undone before the next step. It exits 1 if a step found a page
affected.py missed, and prints which. Fixed seeds give the same steps."""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]


def sub(text: str, key: str, value: str) -> str:
    """`text` with its first top-level `key:` line set to `value`."""
    return re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)


def respell_place(text: str, spell) -> str:
    """`text` with its place's name passed through `spell`, in any of the format's three ways to give it."""
    for pattern in (r"^(location: \{name: )([^,}]+)", r"^(location:\n  name: )(.+)$", r"^(location: )([^{\s].*)$"):
        if re.search(pattern, text, flags=re.M):
            return re.sub(pattern, lambda m: m.group(1) + spell(m.group(2)), text, count=1, flags=re.M)
    return text


class Changes:
    """The kinds of change, each a method that changes files under `root` and says what it did."""

    def __init__(self, root: Path, rng: random.Random):
        self.root, self.rng, self.n = root, rng, 0

    def files(self, kind: str) -> list[Path]:
        return sorted((self.root / "content" / kind).glob("*.md"))

    def pick(self, kind: str) -> Path:
        return self.rng.choice(self.files(kind))

    def date(self) -> str:
        rng = self.rng
        y, m, d, k = rng.randrange(2014, 2026), rng.randint(1, 12), rng.randint(1, 28), rng.random()
        return f"{y}-{m:02d}-{d:02d}" if k < .7 else f"{y}-{m:02d}" if k < .9 else f"{y}"

    def any(self) -> str:
        self.n += 1
        names = [name for name in dir(self) if name.startswith("c_")]
        return getattr(self, self.rng.choice(names))()

    # reports
    def c_report_deleted(self):
        p = self.pick("reports"); p.unlink(); return f"report deleted {p.name}"

    def c_report_added_to_a_new_event(self):
        p, d = self.pick("reports"), self.date()
        text = sub(sub(p.read_text(), "date", d), "event", f"zz-event-{self.n}")
        (p.parent / f"zz-added-{self.n}.md").write_text(text.replace("example.org/", f"example.org/a{self.n}/"))
        return f"report added, new event of {d}"

    def c_report_copied_into_its_event(self):
        p = self.pick("reports")
        text = sub(p.read_text(), "title", f"Copy {self.n}").replace("example.org/", f"example.org/c{self.n}/")
        (p.parent / f"zz-copy-{self.n}.md").write_text(text); return f"report copied {p.name}"

    def c_report_redated(self):
        p, d = self.pick("reports"), self.date()
        p.write_text(sub(sub(p.read_text(), "date", d), "event", f"zz-moved-{self.n}"))
        return f"report redated {p.name} {d}"

    def c_report_moved_to_another_event(self):
        p = self.pick("reports")
        event = re.search(r"^event: (.*)$", self.pick("reports").read_text(), flags=re.M).group(1)
        p.write_text(sub(p.read_text(), "event", event)); return f"report {p.name} to event {event}"

    def c_report_end_date(self):
        p = self.pick("reports"); text = p.read_text()
        year = int(re.search(r"^date: (\d{4})", text, flags=re.M).group(1))
        text = re.sub(r"^end_date: .*\n", "", text, flags=re.M)
        p.write_text(re.sub(r"^(date: .*)$", rf"\1\nend_date: {year + 1}-01-15", text, count=1, flags=re.M))
        return f"report end date {p.name}"

    def c_report_body(self):
        p = self.pick("reports"); p.write_text(p.read_text() + f"\nOne sentence more ({self.n}).\n")
        return f"report body {p.name}"

    def c_report_actor_renamed(self):
        p = self.pick("reports"); text = p.read_text()
        for pattern in (r"^(actors: \[\{name: )", r"^(actors: \[)(?!\{)", r"^(actors:\n  - name: )",
                        r"^(actors:\n  - )(?!name:)"):
            if re.search(pattern, text, flags=re.M):
                p.write_text(re.sub(pattern, lambda m: m.group(1) + f"Zed{self.n} ", text, count=1, flags=re.M))
                return f"report names another actor {p.name}"
        return "nothing (a report naming no actor)"

    def c_report_actors_reordered(self):
        p = self.pick("reports"); text = p.read_text()
        block = re.search(r"^actors:\n((?:  - name: .*\n(?:    .*\n)*)+)", text, flags=re.M)
        if not block:
            return "nothing (no list of actors)"
        items = re.findall(r"  - name: .*\n(?:    .*\n)*", block.group(1))
        self.rng.shuffle(items)
        p.write_text(text[:block.start(1)] + "".join(items) + text[block.end(1):]); return f"actors reordered {p.name}"

    def c_report_role(self):
        p = self.pick("reports"); role = self.rng.choice(["witness", "alleged perpetrator", "claimant"])
        p.write_text(re.sub(r"role: [^,}\n]+", f"role: {role}", p.read_text(), count=1)); return f"role {p.name}"

    def c_report_place_renamed(self):
        p = self.pick("reports")
        p.write_text(respell_place(p.read_text(), lambda name: f"Zz{self.n} {name}")); return f"place renamed {p.name}"

    def c_report_place_spelt_in_capitals(self):
        p = self.pick("reports")
        p.write_text(respell_place(p.read_text(), str.upper)); return f"place in capitals {p.name}"

    def c_report_toll(self):
        p = self.pick("reports")
        p.write_text(re.sub(r"killed: (\d+)", lambda m: f"killed: {int(m.group(1)) + 3}", p.read_text(), count=1))
        return f"toll {p.name}"

    def c_report_according_to(self):
        p = self.pick("reports")
        p.write_text(re.sub(r"according_to: [^,}\n]+", f"according_to: a witness {self.n}", p.read_text(), count=1))
        return f"according to {p.name}"

    def c_report_publisher(self):
        p = self.pick("reports")
        p.write_text(re.sub(r"^  publisher: .*$", f"  publisher: Publisher {self.n}", p.read_text(), count=1,
                            flags=re.M)); return f"publisher {p.name}"

    def source_field(self, name: str, value: str, keep: float = 0.7) -> str:
        """A report's source field removed, and (with chance `keep`) given `value` anew."""
        p = self.pick("reports"); text = re.sub(rf"^  {name}: .*\n", "", p.read_text(), count=1, flags=re.M)
        if self.rng.random() < keep:
            text = re.sub(r"^(  publisher: .*)$", lambda m: f"{m.group(1)}\n  {name}: {value}", text, count=1,
                          flags=re.M)
        p.write_text(text); return f"source {name} {p.name}"

    def c_report_source_url(self):
        return self.source_field("url", f'"https://example.org/u{self.n}"')

    def c_report_source_author(self):
        return self.source_field("author", f"Author {self.n}")

    def c_report_archive_url(self):
        return self.source_field("archive_url", f'"https://web.archive.org/web/{self.n}/x"')

    def c_report_published(self):
        return self.source_field("published", self.date())

    def c_report_stance(self):
        p = self.pick("reports"); stance = self.rng.choice(["denied", "investigating", "no comment"])
        p.write_text(re.sub(r"stance: [^,}\n]+", f"stance: {stance}", p.read_text(), count=1))
        return f"stance {p.name}"

    def c_report_tag(self):
        p = self.pick("reports"); tag = self.rng.choice(["convoy", "drone", f"new {self.n}", "Massacré"])
        p.write_text(re.sub(r"^tags: .*$", f"tags: [{tag}]", p.read_text(), count=1, flags=re.M))
        return f"tag {p.name}"

    # actor files
    def c_actor_name(self):
        p = self.pick("actors"); p.write_text(sub(p.read_text(), "name", f"Renamed Actor {self.n}"))
        return f"actor renamed {p.name}"

    def c_actor_aliases(self):
        p = self.pick("actors"); text = re.sub(r"^aliases: .*\n", "", p.read_text(), flags=re.M)
        p.write_text(re.sub(r"^(name: .*)$", rf"\1\naliases: [AL{self.n}]", text, count=1, flags=re.M))
        return f"actor aliases {p.name}"

    def c_actor_kind(self):
        p = self.pick("actors"); p.write_text(sub(p.read_text(), "kind", self.rng.choice(["militia", "state"])))
        return f"actor kind {p.name}"

    def c_actor_french_name(self):
        p = self.pick("actors")
        p.write_text(re.sub(r"^fr: \{name: [^,]+,", f"fr: {{name: Nom {self.n},", p.read_text(), count=1, flags=re.M))
        return f"actor French name {p.name}"

    def c_actor_file_deleted(self):
        p = self.pick("actors"); p.unlink(); return f"actor file deleted {p.name}"

    # event files
    def c_event_title(self):
        p = self.pick("events"); p.write_text(sub(p.read_text(), "title", f"Curated title {self.n}"))
        return f"event title {p.name}"

    def c_event_date(self):
        p, d = self.pick("events"), self.date(); p.write_text(sub(p.read_text(), "date", d))
        return f"event date {p.name} {d}"

    def c_event_place(self):
        p = self.pick("events")
        place = re.search(r"^location: \{name: ([^,}]+)", self.pick("reports").read_text(), flags=re.M)
        if not place:
            return "nothing (a report without a place's details)"
        p.write_text(sub(p.read_text(), "location", place.group(1))); return f"event place {p.name}"

    def c_event_file_deleted(self):
        p = self.pick("events"); p.unlink(); return f"event file deleted {p.name}"

    def c_event_file_added(self):
        slug = re.search(r"^event: (.*)$", self.pick("reports").read_text(), flags=re.M).group(1)
        path = self.root / "content/events" / f"{slug}.md"
        if path.exists():
            return "nothing (the event has its file)"
        path.write_text(f"---\ntitle: Curated event {self.n}\n---\nA curator's summary.\n")
        return f"event file added {slug}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=80, help="reports in the sample archive (default 80)")
    parser.add_argument("--steps", type=int, default=100, help="steps of one to three changes (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="another seed, other changes (default 1)")
    parser.add_argument("--list-page", type=int, default=3, help="items on a page of a list (default 3: "
                        "every list cut by period)")
    parser.add_argument("--french", action="store_true", help="the site in English and French")
    args = parser.parse_args(argv)
    os.environ["INCIDENTS_LIST_PAGE"] = str(args.list_page)
    with tempfile.TemporaryDirectory() as folder:
        return run(Path(folder) / "archive", args.reports, args.steps, args.seed, args.french)


def run(root: Path, reports: int, steps: int, seed: int, french: bool = False, out=print) -> int:
    """The number of steps where affected.py missed a page (or relink differed from link)."""
    from incidents.affected import affected_pages
    from incidents.content.link import link, relink
    from incidents.content.load import load
    from incidents.errors import ContentError
    from incidents.sample import write_sample
    from incidents.site.render import Renderer, environments, feed_reports

    write_sample(root, reports)
    if french:
        site = root / "site.yaml"
        site.write_text(site.read_text().replace("languages: [en]", "languages: [en, fr]"))

    def render_all(archive):
        renderer = Renderer(archive, environments(root, archive.site.languages))
        return {rel: renderer.render(rel) for rel in renderer.paths()}

    content = load(root)
    archive = link(content)
    pages = render_all(archive)
    changes, rng, bad = Changes(root, random.Random(seed)), random.Random(seed), 0
    for step in range(steps):
        saved = {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
        try:
            what = [changes.any() for _ in range(rng.choice([1, 1, 2, 3]))]
            try:
                new = load(root)
            except ContentError as problem:  # a change the format refuses (a name taken twice): not a step
                out(f"{step} refused: {'; '.join(what)}: {str(problem).splitlines()[0]}")
                continue
            after = relink(content, archive, new)
            named = affected_pages(archive, after, feed_reports(archive))
            now = render_all(after)
            changed = {rel for rel in pages.keys() | now.keys() if pages.get(rel) != now.get(rel)}
            missed = sorted(rel for rel in changed - named if rel in now)
            wrong = after != link(new)
            bad += bool(missed or wrong)
            verdict = "MISSED " + ", ".join(missed[:10]) if missed else "ok"
            out(f"{step} {'; '.join(what)}: {len(changed)} pages changed, {len(named)} named, {verdict}"
                + (" RELINK DIFFERS FROM LINK" if wrong else ""))
        finally:
            for p in (root / "content").rglob("*.md"):
                if p not in saved:
                    p.unlink()
            for p, data in saved.items():
                p.write_bytes(data)
    out(f"{steps} steps, {bad} with a page missed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
