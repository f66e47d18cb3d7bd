"""The archive's history, from git: which commits changed each content file
(following renames), when a report or an event was first published and last
updated, and what each commit did to the content, for the data page's
changelog.

One `git log --first-parent --name-status -M` over content/ gives every commit
and the files it touched (a merged branch is its merge: published when
merged); the map file → commits is made from it in one pass, newest commit
first, a rename handing the file's older commits to its new name. (`git log
--follow` per file would be one process per file: minutes at 10,000 reports.)
A commit is named by its hash, dated by its committer date as git records
it, and described in readers' words where someone gave them (`told`), in the
page's language first: site.yaml's `history:`, else the message's line
`History:`; else by its subject, which was written for whoever reads the
repository. The same commit always gives the same bytes. Changes not yet
committed are not history: a file git has no commit of is shown as "not yet
committed", and the dates of one that was edited since its last commit are
those of its commits.

Outside a git checkout (or without git) there is no history and the pages
leave the section out; so in a shallow clone, which has only the last
commits (said in one line): its oldest would be every report's first."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.fields import INVISIBLE, forbidden
from ..content.frontmatter import dotted
from .typography import french_spaces
from ..errors import Problem
from ..gitrun import run_git
from ..content.model import MONTHS, Day, record
from .urls import MOVED, actor_path, cite_files, event_path, feed_path, place_path, report_path

KINDS = ("reports", "events", "actors", "pages")
# What the data page's changelog shows: the latest commits that touched the
# content, and in each at most this many names of each kind and change.
CHANGELOG_COMMITS = 20
CHANGELOG_NAMES = 10
# What a page's History section lists: its latest commits (the first is still named).
PAGE_COMMITS = 20


@record
class Commit:
    hash: str
    date: str      # the committer date, ISO 8601 as git gives it: 2025-02-17T10:00:00+00:00
    subject: str
    said: tuple = ()  # its message's History lines, ((language, or "" for the archive's, text), …)

    @property
    def day(self) -> str:
        """"17 February 2025": the commit's day, in its own time zone."""
        year, month, day = self.date[:10].split("-")
        return f"{int(day)} {MONTHS[int(month) - 1]} {year}"

    @property
    def calendar_day(self) -> Day:
        """The commit's day, in its own time zone, as a page's dates are kept."""
        year, month, day = self.date[:10].split("-")
        return Day(int(year), int(month), int(day))


@record
class Change:
    """What one commit did to one content file: A(dded), M(odified), D(eleted), R(enamed from `old`)."""

    status: str
    path: str
    old: str = ""


@dataclass(frozen=True)
class GitState:
    """What says whether the history changed: the commit checked out, whether the clone is
    shallow, and what rewrites the history behind the same commit (a shallow clone
    deepened, `git replace`, grafts): a digest of the files git keeps them in."""

    head: str
    shallow: bool
    behind: str = ""


@dataclass(frozen=True)
class History:
    state: GitState
    commits: tuple[Commit, ...]                   # every commit touching content/, newest first
    changes: tuple[tuple[Change, ...], ...]       # what each of them changed, in the same order
    files: dict[str, tuple[int, ...]]             # content file (its latest name) → its commits, newest first
    # (slug, slug, commit): a report's event: changed from the one to the other in that commit (with_departures)
    moves: tuple[tuple[str, str, int], ...] = ()
    # ((commit, path), its name now): the files the changelog's commits changed that were renamed since
    later: tuple[tuple[tuple[int, str], str], ...] = ()
    # content/ or site.yaml differ from the latest commit's (a change not committed, a file git
    # does not track): the data is not that commit's, and the data page says so
    modified: bool = False

    def of(self, paths: Iterable[str]) -> tuple[Commit, ...]:
        """The commits that changed any of `paths`, newest first, each once. A
        path SINCE + file is that file's commits since it came to the event it
        is in now (with_departures), all of them if it never moved."""
        found = sorted({i for p in paths for i in self._of(p)})
        return tuple(self.commits[i] for i in found)

    def _of(self, path: str) -> tuple[int, ...]:
        found = self.files.get(path)
        if found is None and path.startswith(SINCE):
            found = self.files.get(path[len(SINCE):])
        return found or ()

    def hashes(self, paths: Iterable[str]) -> tuple[str, ...]:
        return tuple(c.hash for c in self.of(paths))


def added_dates(history: History | None) -> dict[str, str] | None:
    """Each committed content file → when it came into the archive: its first
    commit's date (renames followed), in UTC as Atom writes it. None outside git.
    The feeds list reports by it, newest first: a report of 2019 added today is
    news to a subscriber."""
    return _file_dates(history, -1)


def changed_dates(history: History | None) -> dict[str, str] | None:
    """Each committed content file → its last commit's date (renames followed), in
    UTC: a feed entry's "updated", so that a correction reaches its subscribers."""
    return _file_dates(history, 0)


def first_names(history: History | None) -> dict[str, tuple[str, str]] | None:
    """Each committed content file → (the commit that added it, the name it had
    then), renames followed back: what stays the same when it is renamed or the
    site moves, for a permanent Atom entry id (RFC 4287 4.2.6). None outside git."""
    if history is None:
        return None
    # each commit's renames, new name → old (a commit adding 10,000 files is looked through once, not per file)
    renames = {i: {c.path: c.old for c in changes if c.status == "R" and c.old}
               for i, changes in enumerate(history.changes) if any(c.status == "R" for c in changes)}
    out = {}
    for path, commits in history.files.items():
        if not commits or path.startswith((DEPARTED, SINCE, EARLIER)):
            continue
        name = path
        for i in commits:  # newest first: each rename gives the name before it
            name = renames.get(i, {}).get(name, name)
        out[path] = (history.commits[commits[-1]].hash, name)
    return out


def _file_dates(history: History | None, which: int) -> dict[str, str] | None:
    """Each committed content file → the date of its commit `which` (newest first), in UTC."""
    if history is None:
        return None
    return {path: utc(history.commits[commits[which]].date) for path, commits in history.files.items()
            if commits and not path.startswith((DEPARTED, SINCE, EARLIER))}


def utc(date: str) -> str:
    """git's "2025-02-17T11:00:00+01:00" → "2025-02-17T10:00:00Z" (ordered as text)."""
    try:
        moment = dt.datetime.fromisoformat(date)
    except ValueError:
        return date
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_state(root: Path) -> tuple[GitState | None, str]:
    """The checkout `root` is in, or None outside git; and a line to say when
    something is wrong with it (git refuses the folder, a shallow clone)."""
    done = run_git(root, "rev-parse", "--is-shallow-repository", "--show-toplevel", "--git-common-dir", "HEAD")
    if done is None:
        return None, ""
    out, err, code = done
    if code != 0 and "dubious ownership" in err:
        return None, (f"git refuses to read the repository {root} (it belongs to another user): the pages have no "
                      f"History; allow it with: git config --global --add safe.directory {root}")
    lines = out.splitlines()
    if len(lines) < 2 or lines[0] not in ("true", "false"):
        return None, ""  # not a git checkout
    shallow = lines[0] == "true"
    common = root / lines[2] if len(lines) > 2 else None  # relative to `root` (git -C), or absolute
    head = lines[3] if code == 0 and len(lines) > 3 else ""  # "": a repository without a commit yet
    note = ("this is a shallow clone, whose first commit git shows as adding every file it holds: the pages "
            "have no History (first published, last updated, commits; nor the data page's changelog), rather "
            "than false dates; fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in "
            "actions/checkout)" if shallow else "")
    return GitState(head, shallow, _behind(common) if common else ""), note


def _behind(common: Path) -> str:
    """A digest of what makes the same commit's history another: the shallow clone's
    boundary (.git/shallow: `git fetch --deepen` moves it), replacements (refs/replace/,
    loose or packed) and grafts (info/grafts). Files read, no git run: a build with
    nothing to do reads them too."""
    digest = hashlib.blake2b(digest_size=16)
    for name in ("shallow", "info/grafts"):
        with contextlib.suppress(OSError):
            digest.update(name.encode() + b"\0" + (common / name).read_bytes() + b"\0")
    replace = common / "refs" / "replace"
    if replace.is_dir():
        for path in sorted(replace.rglob("*")):
            with contextlib.suppress(OSError):
                if path.is_file():
                    digest.update(str(path.relative_to(common)).encode() + b"\0" + path.read_bytes())
    with contextlib.suppress(OSError):
        packed = (common / "packed-refs").read_bytes()
        digest.update(b"".join(line for line in packed.splitlines(keepends=True) if b" refs/replace/" in line))
    return digest.hexdigest()


def read_history(root: Path, state: GitState | None, known: History | None = None) -> History | None:
    """The history of content/ at `state` (git_state's), or None outside git and in
    a shallow clone (its oldest commit, its boundary, has every file as added: each
    report would be first published that day, by that commit), with whether the
    content now differs from its latest commit's (`modified`).
    `known`, a history read before, is reused when the state is the same."""
    history = _read_history(root, state, known)
    if history is None or not history.commits:
        return history
    # (git status: what differs from the commit, untracked files among it; 20 ms at 2,000 reports)
    done = run_git(root, "-c", "core.quotepath=off", "status", "--porcelain", "-z", "--untracked-files=all", "--",
                   "content", "site.yaml")
    modified = done is not None and done[2] == 0 and bool(done[0].strip("\0"))
    return history if history.modified == modified else replace(history, modified=modified)


def _read_history(root: Path, state: GitState | None, known: History | None = None) -> History | None:
    if state is None or state.shallow:
        return None
    if known is not None and known.state == state:
        return known
    if not state.head:
        return History(state, (), (), {})
    # --first-parent: a merged branch's commits are the merge that published them, dated
    # when it did, not the contributor's "WIP" commits of the days before (its diff, as
    # git shows a merge's with --first-parent, and -m for a git before 2.31, is what the
    # merge changed on the branch).
    done = run_git(root, "-c", "core.quotepath=off", "log", "--relative", "--no-color", "--encoding=UTF-8",
                "--first-parent", "-m", "-M", "--name-status", f"--format={LOG_FORMAT}", "HEAD", "--", "content")
    if done is None or done[2] != 0:
        return History(state, (), (), {})
    names: dict[tuple[int, str], str] = {}
    history = parse_log(state, done[0], names)
    # The commits that took a report out of an event (deleted, or its event: changed): the
    # event's page changed with them, though none of the files it is now made of did. The
    # lines changed in reports changed or deleted (not added), their event lines read here:
    # git's -G for them read every report ever added (0.4 s at 10,000 reports, against 0.1).
    left = run_git(root, "-c", "core.quotepath=off", "log", "--relative", "--no-color", "--encoding=UTF-8",
                   "--first-parent", "-m", "-M", "--diff-filter=DMR", "-p", "-U0", "--no-ext-diff", "--format=%x00%x01%H",
                   "HEAD", "--", "content/reports")
    if left is None or left[2] != 0:
        return history
    return with_departures(history, left[0], names)


# Each commit: its hash, date, subject and message body, between NULs, which no commit
# message holds (git refuses them): a subject may hold any other character.
LOG_FORMAT = "%x00%x01%H%x00%cI%x00%s%x00%b%x00%x02"
_COMMIT, _END = "\x00\x01", "\x00\x02"
# A line of a message that says what the commit did in readers' words: History, or
# History-fr in French; the lines under it indented are more of it (as git folds a trailer).
_TOLD = re.compile(r"history(?:-([a-z]{2,3}))?[ \t]*:[ \t]*(.*)", re.I)

DEPARTED = "event:"  # History.files' key for the commits an event's page had of reports no longer in it
SINCE = "since:"    # History.files' key for a report's commits since it came to the event it is in now
EARLIER = "earlier:"  # History.files' key for an earlier file of a name, removed before another was added
_EVENT_LINE = re.compile(r"""^([-+])event[ \t]*:[ \t]*(["']?)([a-z0-9-]+)\2[ \t]*(?:#.*)?$""")


def with_departures(history: History, text: str, names: dict[tuple[int, str], str] | None = None) -> History:
    """`history` with, under DEPARTED + slug, what an event's page had of the
    reports no longer in it: the commits in which a report left that event, and
    (where `names`, parse_log's, says which file each diff is of) that report's
    commits while it was in it, so that an event's History, and the day it was
    last updated, never lose a commit once shown; and under SINCE + file a moved
    report's commits since its latest move, those of the event it is in now.
    `text`: `git log -p -U0 --format=%x00%x01%H` of the event lines of reports
    changed or deleted. A line "-event: x" with no "+event: x" in the same
    file's diff is a departure ("-event: x" then "+event: 'x'": none), and with
    "+event: y" a move, which moved_pages follows when x is gone."""
    index = {c.hash: i for i, c in enumerate(history.commits)}
    departed: dict[str, set[int]] = {}
    moves: list[tuple[str, str, int]] = []
    left: dict[str, list[tuple[int, str]]] = {}  # a file's key → (commit, the event it left), newest first
    for chunk in text.split(_COMMIT)[1:]:
        head, _, rest = chunk.partition("\n")
        i = index.get(head.strip())
        if i is None:
            continue
        for diff in ("\n" + rest).split("\ndiff --git ")[1:]:
            signs: dict[str, set[str]] = {"-": set(), "+": set()}
            lines = diff.splitlines()
            for line in lines:
                found = _EVENT_LINE.match(line)
                if found and not line.startswith(("---", "+++")):
                    signs[found.group(1)].add(found.group(3))
            gone, came = signs["-"] - signs["+"], signs["+"] - signs["-"]
            for slug in gone:
                departed.setdefault(slug, set()).add(i)
            if len(gone) == len(came) == 1:
                moves.append((*gone, *came, i))
            key = (names or {}).get((i, _diff_path(lines)))
            if key is not None and len(gone) == 1:
                left.setdefault(key, []).append((i, *gone))
    files = dict(history.files)
    for key, departures in left.items():
        commits = files.get(key, ())
        for (i, slug), (older, _) in zip(departures, departures[1:] + [(len(history.commits), "")]):
            departed[slug].update(j for j in commits if i < j <= older)  # while it was in that event
        files[SINCE + key] = tuple(j for j in commits if j <= departures[0][0])
    if not departed:
        return history
    files.update({DEPARTED + slug: tuple(sorted(commits)) for slug, commits in departed.items()})
    return replace(history, files=files, moves=tuple(sorted(moves)))


def _diff_path(lines: list[str]) -> str:
    """The file a diff of `git log -p` is of, by its name after the commit: its
    "rename to" line, else its header "a/<path> b/<path>" (the same path twice)."""
    for line in lines:
        if line.startswith("rename to "):
            return line[len("rename to "):]
    header = lines[0] if lines else ""
    return header[2:2 + (len(header) - 5) // 2] if header.startswith("a/") else ""


def parse_log(state: GitState, text: str, names: dict[tuple[int, str], str] | None = None) -> History:
    """`git log --name-status -M --format=LOG_FORMAT` → History, renames followed;
    `names`, if given, filled with each (commit, path it changed) → its file's key
    in History.files (with_departures reads diffs by it)."""
    commits: list[Commit] = []
    changes: list[tuple[Change, ...]] = []
    for chunk in text.split(_COMMIT)[1:]:
        head, _, rest = chunk.partition(_END)
        parts = head.split("\x00", 3)
        if len(parts) != 4:
            continue
        subject = merged_title(parts[2].strip(), parts[3])
        commits.append(Commit(parts[0], parts[1], HIDDEN_SUBJECT if forbidden(subject) else subject
                              if INVISIBLE.sub("", subject) else NO_SUBJECT, history_lines(parts[3])))
        found = []
        for line in rest.splitlines():
            cells = line.split("\t")
            if len(cells) == 2 and cells[0] and cells[0][0] in "AMDT":
                found.append(Change("M" if cells[0][0] == "T" else cells[0][0], cells[1]))
            elif len(cells) == 3 and cells[0] and cells[0][0] in "RC":
                found.append(Change(cells[0][0], cells[2], cells[1]))
        changes.append(tuple(found))
    names = {} if names is None else names
    files = _follow(changes, names)
    later = tuple(sorted(((i, path), key) for (i, path), key in names.items()
                         if i < CHANGELOG_COMMITS and key != path and not key.startswith(EARLIER)))
    return History(state, tuple(commits), tuple(changes), files, later=later)


# The subject a host gives the merge of a pull request, whose title is the body's first
# line: GitHub's "Merge pull request #7 from someone/branch", GitLab's "Merge branch 'x'
# into 'main'" (its body then ends "See merge request group/project!12").
_HOST_MERGE = re.compile(r"Merge pull request #\d+ from \S+|Merge branch '[^']+' into '[^']+'")


# A subject no page may show (a control character), or one with nothing visible: said
# so, in the page's language (commit_view).
HIDDEN_SUBJECT, NO_SUBJECT = "(subject not shown)", "(no subject)"


def merged_title(subject: str, body: str) -> str:
    """A commit's subject, or for a host's merge of a pull request the request's
    title (the first line of its message's body), which says what was merged."""
    if _HOST_MERGE.fullmatch(subject):
        title = body.strip().split("\n", 1)[0].strip()
        if title and not _TOLD.fullmatch(title) and not title.startswith("See merge request "):
            return title
    return subject


def history_lines(body: str) -> tuple[tuple[str, str], ...]:
    """What a commit's message says it did in readers' words: its first line
    `History:` (and `History-fr:`…), with the indented lines under it, in any
    paragraph (GitHub's squash merge puts a description's lines among others):
    ((language, text), …), "" the archive's language. One that no page may
    show (a control character, nothing visible) is left out, as if not written."""
    out: dict[str, str] = {}
    lines = body.split("\n")
    for i, line in enumerate(lines):
        found = _TOLD.fullmatch(line.rstrip("\r"))
        if not found or (lang := (found.group(1) or "").lower()) in out:
            continue
        words = [found.group(2)]
        for more in lines[i + 1:]:
            if not more[:1] in (" ", "\t") or not more.strip():
                break
            words.append(more)
        written = " ".join(w.strip(" \t\r") for w in words)
        if INVISIBLE.sub("", written) and not forbidden(written):
            out[lang] = " ".join(written.split())
    return tuple(out.items())


def _follow(changes: list[tuple[Change, ...]], names: dict[tuple[int, str], str] | None = None
            ) -> dict[str, tuple[int, ...]]:
    """File (by its latest name) → the commits that changed it, newest first.
    Going back in time, a rename hands the file's older commits to its old
    name, and an addition ends its history: an earlier file of the same name
    is another file, kept under EARLIER + its name @ the commit that added the
    next (its event's page had it). `names`: see parse_log."""
    files: dict[str, list[int]] = {}
    alias: dict[str, str] = {}  # a name as older commits give it → the file's key
    for i, found in enumerate(changes):
        after: dict[str, str] = {}
        for change in found:
            key = alias.get(change.path, change.path)
            files.setdefault(key, []).append(i)
            if names is not None:
                names[(i, change.path)] = key
            if change.status == "R":  # wins over a file added under the old name in the same commit
                after[change.old] = key
            if change.status in "ARC":
                after.setdefault(change.path, f"{EARLIER}{change.path}@{i}")
        alias.update(after)
    return {path: tuple(commits) for path, commits in files.items()}


def note_problems(site, history: History | None) -> list:
    """A warning for each of site.yaml's `history:` notes (`site`: its SiteConfig)
    whose hash no commit of the content's history begins with, or two do: it
    would tell nothing. Said only where the whole history is there to look in
    (not outside git, nor in a shallow clone)."""
    if history is None or history.state.shallow or not history.commits:
        return []
    out = []
    for lang, notes in (("", site.history), *((t.lang, t.history) for t in site.translations)):
        for prefix, _text, line, _lang in notes:
            found = [c for c in history.commits if c.hash.startswith(prefix)]
            field = dotted((*((lang,) if lang else ()), "history", prefix))
            if not found:
                out.append(Problem("site.yaml", line, field, (
                    "no commit that changed content/ has a hash that begins so, and the note is shown nowhere: "
                    "give the hash as `git log --oneline --first-parent -- content` shows it"), "warning"))
            elif len(found) > 1:
                out.append(Problem("site.yaml", line, field, (
                    f"{len(found)} commits have a hash that begins so ({', '.join(c.hash[:12] for c in found[:3])}): "
                    "give more of the hash of the one meant"), "warning"))
    return out


# what pages show -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CommitView:
    day: str
    date_iso: str     # YYYY-MM-DD, for <time datetime>
    subject: str
    short: str        # the hash's first 7 characters
    url: str          # the commit on the repository's host, or ""
    own: bool = False  # its words were given in the page's language (told), not the archive's


@dataclass(frozen=True)
class HistoryView:
    """A page's History: first published, last updated, its commits (the latest PAGE_COMMITS)."""

    first: CommitView | None
    last: CommitView | None
    commits: tuple[CommitView, ...]
    earlier: int      # commits not listed

    @property
    def committed(self) -> bool:
        return self.first is not None


# A commit's subject as a page shows it, at most this long: git's subject is
# the message's whole first paragraph, and a long one filled a phone's screen
# (the commit's link, on its host, has it all).
SUBJECT = 100


def shown_subject(subject: str, most: int = SUBJECT) -> str:
    """`subject`, or its first words up to `most` characters and "…"."""
    if len(subject) <= most:
        return subject
    cut = subject[:most].rsplit(" ", 1)[0] if " " in subject[:most] else subject[:most]
    return cut.rstrip(" ,;:–-") + "…"


def told(c: Commit, notes: tuple = (), lang: str = "") -> tuple[str, bool, bool]:
    """What a page in `lang` says commit `c` did, whether those words were given
    in `lang`, and whether they are its subject: in the page's language first,
    site.yaml's note (`notes`: (hash's start, text, line, language or "" for the
    archive's), localize.py) then the message's History-<lang>:; then in the
    archive's, the note then History:; else the subject."""
    for wanted in (lang, "") if lang else ("",):
        for prefix, text, _line, given in notes:
            if given == wanted and c.hash.startswith(prefix):
                return text, given == lang, False
        for code, text in c.said:
            if code == wanted:
                return text, code == lang, False
    return c.subject, False, True


def commit_view(c: Commit, repository: str, t=None, notes: tuple = ()) -> CommitView:
    """`t`: an i18n.Lang to write the day in (else the commit's own English text);
    `notes`: what site.yaml says commits did (told). A subject is cut at a word
    (git's is the message's whole first paragraph); words given for readers are
    shown whole."""
    day = c.day if t is None else t.day(Day(int(c.date[:4]), int(c.date[5:7]), int(c.date[8:10])))
    text, own, subject = told(c, notes, t.code if t is not None else "")
    if subject and t is not None and text in (HIDDEN_SUBJECT, NO_SUBJECT):
        text, own = (t.gettext("(subject not shown)") if text == HIDDEN_SUBJECT else t.gettext("(no subject)")), True
    elif own and t is not None and t.code == "fr" and not subject:
        text = french_spaces(text)  # a note written for French readers: « À propos », spaced as French spaces it
    return CommitView(day, c.date[:10], shown_subject(text) if subject else text, c.hash[:7],
                      f"{repository}/commit/{c.hash}" if repository else "", own)


def history_view(history: History | None, paths: Iterable[str], repository: str, t=None,
                 notes: tuple = ()) -> HistoryView | None:
    """The History section of a page made of the files `paths`; None outside git."""
    if history is None:
        return None
    commits = history.of(paths)
    if not commits:
        return HistoryView(None, None, (), 0)
    views = [commit_view(c, repository, t, notes) for c in commits[:PAGE_COMMITS]]
    return HistoryView(commit_view(commits[-1], repository, t, notes), views[0], tuple(views),
                       len(commits) - len(views))


@dataclass(frozen=True)
class ChangeLine:
    """In one commit: the files of one kind added, changed or removed (`names`: at most CHANGELOG_NAMES)."""

    verb: str                               # added, changed, removed, renamed
    kind: str                               # report, event, actor, page
    count: int
    names: tuple[tuple[str, str], ...]      # (slug, its page's URL) of those the site has now


@dataclass(frozen=True)
class Release:
    commit: CommitView
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class DataVersion:
    """The data page's version (the latest commit that touched the content) and changelog."""

    version: CommitView | None
    releases: tuple[Release, ...]
    earlier: int     # commits touching the content before those listed
    modified: bool = False  # the content differs from that commit's (History.modified)


VERBS = {"A": "added", "M": "changed", "R": "renamed", "D": "removed"}
SINGULAR = {"reports": "report", "events": "event", "actors": "actor", "pages": "page"}


def data_version(history: History | None, repository: str, url_of, t=None, notes: tuple = ()) -> DataVersion | None:
    """The data page's version and changelog; `url_of(kind, slug)` is a page's URL, or "" if it is gone;
    `notes`: what site.yaml says commits did (told)."""
    if history is None:
        return None
    releases = []
    later = dict(history.later)
    for i, (commit, found) in enumerate(zip(history.commits[:CHANGELOG_COMMITS], history.changes)):
        grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for change in found:
            parts = change.path.split("/")
            if len(parts) != 3 or parts[0] != "content" or parts[1] not in KINDS or not parts[2].endswith(".md"):
                continue
            slug, now = parts[2][:-3], later.get((i, change.path), change.path)
            # its page by its name now (renamed since), where it still is; a rename says both names
            now = now[len(f"content/{parts[1]}/"):-3] if now.startswith(f"content/{parts[1]}/") else slug
            old = change.old.rsplit("/", 1)[-1][:-3] if change.status == "R" and change.old.endswith(".md") else ""
            grouped.setdefault((VERBS.get(change.status, "changed"), parts[1]), []).append(
                (f"{old} → {slug}" if old else slug, now))
        # named only where the site has the page now: a draft's slug (its title, often) and a report
        # taken down (for a witness's safety, it may be) are counted, never named
        lines = tuple(ChangeLine(verb, SINGULAR[kind], len(names),
                                 tuple((shown, url) for shown, now in sorted(names)
                                       if (url := url_of(kind, now)))[:CHANGELOG_NAMES])
                      for (verb, kind), names in sorted(grouped.items(), key=lambda x: (
                          list(VERBS.values()).index(x[0][0]), KINDS.index(x[0][1]))))
        releases.append(Release(commit_view(commit, repository, t, notes), lines))
    version = releases[0].commit if releases else None
    return DataVersion(version, tuple(releases), max(0, len(history.commits) - CHANGELOG_COMMITS), history.modified)


DATAPACKAGE = "data/datapackage.json"  # its version is the latest commit (data.datapackage)
# What names the data's version: the data page, its citation, the data package; and moved.json, of the renames
DATA_PAGES = frozenset({"data/", *cite_files("data/"), DATAPACKAGE, MOVED})


def history_pages(old: History | None, new: History | None, archive, pages: set[str]) -> set[str]:
    """Site paths to render again for the history, given `pages`, those the content's
    change reaches (affected.py), and the histories before and after: the pages of
    the files whose commits changed (a report's, its event's), and the data page,
    whose changelog links what exists, whenever anything changed."""
    if (old is None) != (new is None):
        pages = {report_path(s) for s in archive.reports} | {event_path(s) for s in archive.events}
        feeds = {"feed.xml"} | {feed_path(actor_path(s)) for s in archive.actors} | {
            feed_path(place_path(s)) for s in archive.places}
        return pages | {f for p in pages for f in cite_files(p)} | DATA_PAGES | feeds
    if old is None or new is None:
        return set()
    found = set(DATA_PAGES) if pages or old.state != new.state or old.modified != new.modified else set()
    if old.state == new.state:
        return found
    # (the commits whole: a replaced commit keeps its hash in git log, not its date)
    moved = {path for path in old.files.keys() | new.files.keys() if old.of((path,)) != new.of((path,))}
    for slug, r in archive.reports.items():
        if r.path in moved:
            found.update((report_path(slug), event_path(r.event)))
            # committed at last, or changed since: news in the feeds that list it (its entry's
            # published and updated dates)
            links = archive.links[slug]
            found.update(("feed.xml", feed_path(place_path(links.place)),
                          *(feed_path(actor_path(a)) for a, _ in links.actors)))
    renamed = renamed_into(new, archive.events)
    found.update(event_path(slug) for slug in archive.events
                 if f"content/events/{slug}.md" in moved or any(DEPARTED + s in moved
                                                                for s in (slug, *renamed.get(slug, ()))))
    # a page's citation gives the day it was last updated
    return found | {f for p in found if p not in DATA_PAGES and not p.endswith("feed.xml") for f in cite_files(p)}


def moved_pages(history: History | None, reports: Iterable[str], events: Iterable[str] = (),
                every_event: Iterable[str] = ()) -> dict[str, str]:
    """The report and event pages an earlier name of a file had, each → the page
    of its file's name now ({"reports/old/": "reports/new/"}), for the reports of
    `reports` and the curated events of `events` (slugs); not an address one has
    now. The 404 page leads a reader there (static/moved.js): a citation's
    address keeps working once the file is renamed. Renames are followed
    through every commit. So is an event without a file of its own renamed by
    its reports' `event:` (of `every_event`, the slugs there are now): a slug
    gone leads where most of its reports went (_moved_events)."""
    if history is None:
        return {}
    out = _moved_events(history, set(every_event))
    for folder, current, page in (("content/reports/", set(reports), report_path),
                                  ("content/events/", set(events), event_path)):
        latest: dict[str, str] = {}  # a file's earlier name → its name now, going back in time
        for found in history.changes:
            for change in found:
                if change.status == "R" and change.old.startswith(folder) and change.old.endswith(".md"):
                    latest.setdefault(change.old, latest.get(change.path, change.path))
        for old, new in latest.items():
            before, now = old[len(folder):-3], new[len(folder):-3]
            if now in current and before not in current and before != now and "/" not in before + now:
                out[page(before)] = page(now)
    return dict(sorted(out.items()))


def site_moves(archive, history: History | None) -> dict[str, str]:
    """moved_pages of `archive` (a link.Archive): its reports, and its events, curated or not."""
    return moved_pages(history, archive.reports, (s for s, e in archive.events.items() if e.curated), archive.events)


def _moved_events(history: History, current: set[str]) -> dict[str, str]:
    """Each event slug no report names now → the page of the event its reports
    went to, as their `event:` lines changed (History.moves): the one most went
    to, the latest on a tie (one report a commit, as GitHub's web editor makes
    them, is one rename); followed on while that one is gone too. A slug whose
    reports were deleted, not moved, leads nowhere."""
    went: dict[str, dict[str, tuple[int, int]]] = {}  # slug → where its reports went → (how many, -newest commit)
    for before, after, i in history.moves:
        count, latest = went.setdefault(before, {}).get(after, (0, -i))
        went[before][after] = (count + 1, max(latest, -i))
    chosen = {before: max(targets, key=lambda after: (*targets[after], after)) for before, targets in went.items()}
    out = {}
    for before in chosen.keys() - current:
        seen, now = {before}, chosen[before]
        while now not in current and now in chosen and now not in seen:
            seen.add(now)
            now = chosen[now]
        if now in current:
            out[event_path(before)] = event_path(now)
    return out


def event_files(archive, slug: str, earlier: Iterable[str] = ()) -> list[str]:
    """The content files an event is made of: its reports' (since they came to
    it) and its own, if it has one; and what it had of reports no longer in it
    (with_departures), and so had the events of `earlier` (slugs renamed to this
    one, renamed_into)."""
    e = archive.events[slug]
    return ([SINCE + archive.reports[r].path for r in e.reports]
            + ([f"content/events/{slug}.md"] if e.curated else []) + [DEPARTED + s for s in (slug, *earlier)])


def renamed_into(history: History | None, events: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each event of `events` (slugs) → the slugs no report names now whose
    reports went to it (_moved_events): the event by its earlier names, whose
    History it keeps."""
    if history is None or not history.moves:
        return {}
    out: dict[str, list[str]] = {}
    for before, now in _moved_events(history, set(events)).items():
        out.setdefault(now.split("/")[1], []).append(before.split("/")[1])
    return {slug: tuple(sorted(before)) for slug, before in out.items()}
