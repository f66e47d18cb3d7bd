"""The command line: parse, run one command, print problems, exit with a status."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import socket
import sqlite3
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from .build import build, check
from .cache import cache_dir
from .content.fields import repository_problem, site_url_problem
from .site.write import check_output
from .confine import nowhere, to_nothing, within
from .errors import BuildError, ContentError, Problem, UsageError, visible

HERE = Path(__file__).resolve().parent.parent


def archive_root(given: str | None) -> Path:
    """--root, else the current folder when it holds an archive, else this repository."""
    if given:
        return Path(given).resolve()
    cwd = Path.cwd()
    if (cwd / "site.yaml").exists() or (cwd / "content").is_dir():
        return cwd
    return HERE


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose mistakes are one line (`build.py -h` shows the usage),
    a misspelt command or option with the one meant."""

    given: list[str] = []  # the command line, as _main() was given it
    top: argparse.ArgumentParser | None = None  # its parser, whose commands' options a mistake is told from

    def error(self, message: str):  # type: ignore[override]
        prog = self.prog
        if self is Parser.top and (command := _command(self)):  # "unrecognized arguments" of a command's line
            prog = f"{prog} {command}"
        if found := re.match(r"argument (--[\w-]+): ignored explicit argument '(.*)'$", message):
            message = f"{found.group(1)} takes no value ({found.group(1)}={found.group(2)}): write {found.group(1)} alone"
        print(f"error: {_meant(self, message)} ({prog} -h lists the options)", file=sys.stderr)
        sys.exit(2)


def _commands(top: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next((a.choices for a in top._actions if isinstance(a, argparse._SubParsersAction)), {})


def _command(top: argparse.ArgumentParser) -> str:
    """The command the line gives, or ""."""
    return next((t for t in Parser.given if t in _commands(top)), "")


def _meant(p: argparse.ArgumentParser, message: str) -> str:
    """argparse's `message`, with the command or option meant where one is
    near. Only what argparse did not take is looked at: the arguments it
    reports unrecognized, and, where it took a word for the command, the
    words before it (an option it did not know made it take that option's
    value for the command: "--rot x build" is "invalid choice: 'x'")."""
    import difflib
    import re
    top = Parser.top or p
    commands = _commands(top)
    command = _command(top)
    options = {o for parser in (top, *([commands[command]] if command else commands.values()))
               for a in parser._actions for o in a.option_strings}
    choice = re.match(r"argument command: invalid choice: '(.*?)' \(", message)
    if message.startswith("unrecognized arguments: "):
        left = set(message[len("unrecognized arguments: "):].split(" "))
        untaken = [t for t in Parser.given if t in left or t.split("=", 1)[0] in left]
    elif choice and choice.group(1) in Parser.given:
        untaken = Parser.given[:Parser.given.index(choice.group(1))]
    else:
        return message  # a value missing or refused: argparse's words are the right ones
    for token in untaken:
        name = token.split("=", 1)[0]
        if token == "--":
            break
        if name.startswith("-") and len(name) > 1 and not name[1:2].isdigit() and name not in options:
            near = difflib.get_close_matches(name, sorted(options), n=3, cutoff=0.6)
            near = [o for o in near if sorted(o) == sorted(name)] or near  # two letters swapped: --prot, --port
            return f"unknown option {name}" + (f": did you mean {near[0]}?" if near else "")
    if choice and (near := difflib.get_close_matches(choice.group(1), list(commands), n=1, cutoff=0.6)):
        return f"{message[:choice.end() - 2]}: did you mean {near[0]}? {message[choice.end() - 1:]}"
    return message


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: use a number from 1 to 65535 "
                                         "(0: any free port)")
    return port


def _host(text: str) -> str:
    """An address to listen on, known before anything is built: a typo fails in a line, not after a build."""
    host = text.strip().strip("[]")
    allowed = "use 127.0.0.1 (this machine only, the default), ::1, or an address of this machine"
    if not host:
        raise argparse.ArgumentTypeError(f"{text!r} is not a host: {allowed}")
    try:
        socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise argparse.ArgumentTypeError(f"{text!r} is not an address this machine can resolve: {allowed}")
    if re.fullmatch(r"[0-9.]+", host):  # IPv4 written short ("0", "127.1"), as the system reads it: said in full
        with contextlib.suppress(OSError):
            return socket.inet_ntoa(socket.inet_aton(host))
    return host


def parser() -> argparse.ArgumentParser:
    p = Parser(prog="build.py", description="Build, check and preview the incident archive.")
    p.add_argument("--root", metavar="DIR", help="the archive folder (default: the current folder if it has "
                   "a site.yaml or a content/ folder, else this repository)")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="build the whole site")
    b.add_argument("--out", metavar="DIR", help="output folder (default: output/ in the archive)")
    b.add_argument("--base-url", metavar="URL", help="published address, overriding site.yaml's base_url")
    b.add_argument("--repository", metavar="URL", help="the repository's address (where pages link its commits), "
                   "overriding site.yaml's repository")
    b.add_argument("--drafts", action="store_true", help="include reports marked draft: true")
    b.add_argument("--no-search", dest="search", action="store_false",
                   help="skip the search index (quicker; /search/ then finds nothing)")
    c = sub.add_parser("check", help="validate all content without writing anything")
    c.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: GitHub Actions annotations (::error file=…,line=…::…), shown on the "
                        "pull request's lines")
    c.add_argument("--strict", action="store_true", help="count warnings (likely mistakes) as errors")
    c.add_argument("--drafts", action="store_true", help="(drafts are always checked; accepted for symmetry)")
    # a file given to check is refused in one line: check reads the whole archive
    c.add_argument("check_files", nargs="*", metavar="FILE", help=argparse.SUPPRESS)
    s = sub.add_parser("serve", help="build and serve the site on this machine")
    s.add_argument("--host", type=_host, default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=_port, default=8000,
                   help="the port to listen on (default 8000; 0: any free port, said when serving)")
    s.add_argument("--drafts", action="store_true", help="include reports marked draft: true")
    n = sub.add_parser("new", help="write a new report from a template and print its path")
    n.add_argument("title")
    n.add_argument("--event", required=True, metavar="SLUG",
                   help="the slug of the event the report is about (content/events/, or a slug other reports give; "
                        "a new one, YYYY-MM-place-what, starts an event)")
    n.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the day of the events, as the article gives it (else the event's, or today's: said)")
    n.add_argument("--location")
    n.add_argument("--publisher")
    n.add_argument("--url")
    n.add_argument("--language", metavar="LANG", help="the article's language (en, fr…); else guessed from the title")
    i = sub.add_parser("import", help="turn raw article text into draft reports for a curator to finish")
    i.add_argument("files", nargs="+", metavar="FILE",
                   help="raw text copied from a news page, or the page saved from a browser (.html)")
    i.add_argument("--dry-run", action="store_true", help="print the drafts instead of writing them")
    i.add_argument("--published", metavar="YYYY-MM-DD", type=_iso_date,
                   help="the articles' publication date: gives years and resolves weekdays (\"on Monday\")")
    i.add_argument("--publisher", type=_name_given, help="the publisher's name, when the text does not give it")
    i.add_argument("--url", type=_http_url, help="the article's address (one FILE only)")
    i.add_argument("--allow-duplicate", action="store_true",
                   help="import an article the archive already has (same address, or same title and publisher)")
    for command in sub.choices.values():  # `build.py check --root DIR` as well as `build.py --root DIR check`
        command.add_argument("--root", metavar="DIR", default=argparse.SUPPRESS, help="the archive folder")
    return p


def _http_url(text: str) -> str:
    from .content.frontmatter import unwritable
    if why := unwritable(text):
        raise argparse.ArgumentTypeError(why)
    try:
        parts = urlsplit(text.strip())
    except ValueError:  # "http://[::1": a broken IPv6 address
        parts = urlsplit("")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text.strip()):
        from .content.fields import schemeless  # "www.afp.com/x": as check says it, with https:// in front
        raise argparse.ArgumentTypeError(f"{text!r} is not an http or https URL: " + (
            f"write it with https:// in front, https://{text.strip()}" if schemeless(text.strip()) else
            "give the article's address, such as https://example.org/article"))
    return text.strip()


def _iso_date(text: str):
    """A day as YYYY-MM-DD, as content writes it (not the 20250220 or 2025-W08-4 Python also reads)."""
    import datetime as dt
    import re
    try:
        text = text.strip()  # as a date in a report is read
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        from .content.fields import date_fix, no_day
        shape = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)  # a day the month has not, as a report's
        if shape and int(shape.group(1)) < 1000:
            raise argparse.ArgumentTypeError(f"{text!r} is not a date: years run from 1000 to 9999") from None
        why = no_day(*map(int, shape.groups())) if shape else None
        month = re.fullmatch(r"([1-9][0-9]{3})(?:-([0-9]{2}))?", text)  # a year the format has (1000 to 9999)
        if not why and month and no_day(int(month.group(1)), int(month.group(2) or 1), None) is None:
            raise argparse.ArgumentTypeError(
                f"{text!r} is a {'month' if month.group(2) else 'year'}, not a day: --published takes the day the "
                "article came out (YYYY-MM-DD), against which its \"on Monday\" and \"last month\" are read; "
                f"without the day, leave --published out and write published: {text} in the draft's source") from None
        fix = f" (YYYY-MM-DD){date_fix(text, 'published')}"
        raise argparse.ArgumentTypeError(f"{text!r} is not a date" + (f": {why}" if why else fix)) from None
    if day.year < 1000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: years run from 1000 to 9999")
    return day


def _name_given(text: str) -> str:
    """A name given on the command line: not blank (left out, the text's own is looked for)."""
    from .content.frontmatter import unwritable
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: give the publisher's name, or leave --publisher out")
    if why := unwritable(text):
        raise argparse.ArgumentTypeError(why)
    return text


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with --root or --out, in one line, before any work is done."""
    archive = "give the archive's folder, which holds site.yaml and content/"
    if args.root is not None and not args.root.strip():
        return f"--root: is empty: {archive}"
    if getattr(args, "out", None) is not None and not args.out.strip():
        return "--out: is empty: give a folder, such as output/ in the archive (the default)"
    if getattr(args, "check_files", None):
        found = args.check_files[0]
        where = "" if Path(found).exists() or (archive_root(args.root) / found).exists() else "no such file; "
        return (f"check: {found}: {where}check reads the whole archive, not one file: run it without a file "
                "(--root DIR checks another archive)")
    if args.root:
        given = Path(args.root)
        if not given.exists():
            if link := _link_on_the_way(args.root, last=True):
                return f"--root: {args.root}: {_said(link, args.root)}"
            return f"--root: {args.root}: no such folder: {archive}"
        if not given.is_dir():
            return f"--root: {args.root}: is not a folder"
        if not (given / "site.yaml").exists() and not (given / "content").is_dir():
            return (f"--root: {args.root}: is not an archive (it has no site.yaml and no content/): give the "
                    "folder that holds them")
        if (given / "site.yaml").exists() and not (given / "site.yaml").is_file():
            return (f"--root: {args.root}: its site.yaml is not a file (a folder, a pipe or a device): make it "
                    "the archive's settings file, with at least a title (docs/format.md, \"site.yaml\")")
        if nowhere(given / "site.yaml"):
            return f"--root: {args.root}: its site.yaml {to_nothing(given / 'site.yaml', 'the settings file')}"
        if not (given / "site.yaml").is_file():
            return (f"--root: {args.root}: has no site.yaml: an archive needs one beside content/, with at least "
                    "a title (docs/format.md, \"site.yaml\")")
    out = getattr(args, "out", None)
    if not out and args.command in (None, "build", "serve"):  # the folders a build or the preview writes by default
        root = archive_root(args.root)
        made = root / ("output" if args.command != "serve" else ".serve")
        if nowhere(made) and _link_on_the_way(str(made)):  # round a loop (a link to a folder not made yet is made)
            return f"{made}: {LEADS_NOWHERE}"
        # a link of that name committed to the repository (git adds it: /output/ in .gitignore is a folder's
        # pattern) would have a build write wherever it leads, and its cache beside that
        if made.is_symlink() and not within(made, os.path.realpath(root)):
            return (f"{made.name}: is a link out of the archive ({os.readlink(made)}): a build writes outside it "
                    f"only where --out says; remove the link, or give --out {os.readlink(made)}")
    if out:
        if link := _link_on_the_way(out):
            return f"--out: {out}: {_said(link, out)}"
        if step := next((step for step in [*reversed(Path(out).parents)][1:] if step.exists() and not step.is_dir()),
                        None):
            return f"--out: {out}: {step} is not a folder"
        target = Path(out).resolve()
        if target.exists() and not target.is_dir():
            return f"--out: {out}: is a file, not a folder"
        ancestor = target.parent
        while not ancestor.exists():
            ancestor = ancestor.parent
        if not ancestor.is_dir():
            return f"--out: {out}: {ancestor} is not a folder"
        try:  # what os.access cannot tell: a read-only mount, /proc, a root that may not write
            tempfile.TemporaryDirectory(dir=ancestor, prefix=".build-probe-").cleanup()
        except OSError as exc:
            return (f"--out: {out}: cannot write in {ancestor} ({exc.strerror}): choose a folder you can write "
                    f"to; {_intact(target)}")
        try:
            check_output(target, archive_root(args.root))
        except BuildError as exc:
            return f"--out: {exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    """The command line's status, every failure said in a line (never a traceback)."""
    try:
        status = _main(argv)
        sys.stdout.flush()  # a full disk or a closed pipe, said here rather than at exit
        return status
    except BrokenPipeError:  # the reader went away (`check | head -1`): stop, as other tools do
        _quiet_stdout()
        return 141  # 128 + SIGPIPE, a shell's status for a command its pipe closed on
    except OSError as exc:
        if exc.filename is not None:
            raise
        _quiet_stdout()
        print(f"error: cannot write what it prints ({exc.strerror}): free some space, or send it elsewhere",
              file=sys.stderr)
        return 1


def _quiet_stdout() -> None:
    """What is left in standard output's buffer goes nowhere: written at exit, it would fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _main(argv: list[str] | None) -> int:
    Parser.top = parser()
    Parser.given = list(sys.argv[1:] if argv is None else argv)
    args = Parser.top.parse_args(argv)
    try:
        problem = usage_problem(args)
    except OSError as exc:  # a name too long for the system, and the like: before any work is done
        problem = _path_problem(exc)
    except RuntimeError as exc:  # Path.resolve in a loop of links: "Symlink loop from '/x'"
        problem = f"{str(exc).rpartition(' from ')[2].strip(chr(39))}: {LEADS_NOWHERE}"
    if problem:
        print(f"error: {visible(problem)}", file=sys.stderr)
        return 2
    root = archive_root(args.root)
    if not args.root and root == HERE and Path.cwd().resolve() != HERE:
        # a newcomer's `new` in an empty folder would write into this repository's own archive, unsaid
        print(f"note: {Path.cwd()} holds no archive (no site.yaml, no content/): using the one beside build.py, "
              f"{HERE}; give --root DIR for another, or make site.yaml here to start one", file=sys.stderr)
    command = args.command or "build"
    try:
        if command == "build":
            return cmd_build(root, getattr(args, "out", None), getattr(args, "base_url", None),
                             getattr(args, "drafts", False), getattr(args, "search", True),
                             getattr(args, "repository", None))
        if command == "check":
            return cmd_check(root, args.format, args.strict)
        if command == "serve":
            from .preview.serve import serve
            return serve(root, args.host, args.port, args.drafts, search=_search_or_none())
        if command == "new":
            from .new import default_date, event_note, new_report, reports_of_events
            reports = reports_of_events(root)  # before the report names its event
            date, told = (args.date, "") if args.date is not None else default_date(root, args.event, reports)
            started = event_note(root, args.event, reports)
            path = new_report(root, args.title, args.event, date, args.location, args.publisher, args.url,
                              args.language)
            for note in (started, told):
                if note:
                    print(f"note: {note}", file=sys.stderr)
            shown = path.relative_to(root).as_posix() if root in path.parents else str(path)
            try:
                print(shown, flush=True)
            except BrokenPipeError:
                raise
            except OSError as exc:  # written all the same: said where, so that it is not made twice
                _quiet_stdout()
                print(f"note: wrote {shown}; its path could not be printed ({exc.strerror})", file=sys.stderr)
            return 0
        if command == "import":
            if args.url and len(args.files) > 1:
                print("error: --url: give one FILE with --url", file=sys.stderr)
                return 2
            missing = [why for f in args.files if (why := _not_a_file(f))]
            if missing:
                for why in missing:
                    print(f"error: {visible(why)}", file=sys.stderr)
                return 2
            from .importer.command import run_import
            return run_import(root, args.files, args.dry_run, args.published, args.publisher, args.url or "",
                              args.allow_duplicate)
    except ContentError as exc:
        print_problems(exc.problems, "text")
        print(f"{_count(_errors(exc.problems), 'problem')}; nothing was written.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        for message in exc.messages:
            print(f"error: {visible(message)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2


LEADS_NOWHERE = "is a symbolic link that leads nowhere (to nothing, or round a loop of links): point it somewhere"


def _link_on_the_way(path: str, last: bool = False) -> str | None:
    """The first link on the way to `path`, as written, that leads nowhere: round a
    loop, or to nothing before its last part (which a build may make), or at it
    too if `last` (a folder or a file to read)."""
    given = Path(path)
    for step in [*reversed(given.parents), given]:
        if not os.path.islink(step):
            continue
        try:
            os.stat(step)
        except OSError as exc:
            if exc.errno == errno.ELOOP or step != given or last:
                return str(step)
    return None


def _said(link: str, given: str) -> str:
    """LEADS_NOWHERE of `link`, on the way to the path `given` (or `given` itself)."""
    return LEADS_NOWHERE if Path(link) == Path(given) else f"{link} {LEADS_NOWHERE}"


def _not_a_file(name: str) -> str | None:
    """Why `name`, given as a file to import, is not one, or None."""
    if not name.strip():
        return "FILE: is empty: give the saved page's path"
    try:
        if Path(name).is_file():
            return None
        if Path(name).is_dir():
            return f"{name}: is a folder, not a file"
        if os.path.lexists(name) and Path(name).exists():
            return f"{name}: is not a file (a device, a pipe or a socket): give a page saved from a browser"
        if link := _link_on_the_way(name, last=True):
            return f"{name}: {_said(link, name)}"
        return f"{name}: no such file"
    except OSError as exc:
        return _path_problem(exc)


def _path_problem(exc: OSError) -> str:
    """A path the system refuses to look at, in a line."""
    if exc.errno == errno.ENAMETOOLONG:
        return f"{exc.filename}: the name is too long for the file system (at most 255 bytes a name): shorten it"
    return f"{exc.filename}: {exc.strerror}"


def _search_or_none() -> bool:
    """Whether the preview can keep a search index (with a note when it cannot)."""
    from .search.index import pagefind_binary
    try:
        pagefind_binary()
    except BuildError as exc:
        print(f"note: search is off in this preview: {exc}", file=sys.stderr)
        return False
    return True


def cmd_build(root: Path, out: str | None, base_url: str | None, drafts: bool, search: bool = True,
              repository: str | None = None) -> int:
    wrong = []  # both options' mistakes, in one run
    if base_url is not None and (why := site_url_problem(base_url)):
        wrong.append(f"--base-url: {why}")
    if repository is not None and (why := site_url_problem(repository, repository=True)
                                   or repository_problem(repository)):
        wrong.append(f"--repository: {why}")
    for line in wrong:
        print(f"error: {line}", file=sys.stderr)
    if wrong:
        return 2
    target = Path(out).resolve() if out else root / "output"
    try:
        result = build(root, target, base_url, drafts, search, repository)
    except BuildError as exc:
        print(f"error: {exc}; {_intact(target)}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        print(f"error: the build could not be finished: {_system_error(exc, target)}; {_intact(target)}",
              file=sys.stderr)
        return 1
    took = sum(result.timings.values())
    print_problems(result.warnings, "text", sys.stderr)
    for note in result.notes:
        print(f"warning: {note}", file=sys.stderr)
    if result.unchanged:
        print(f"nothing changed since the last build: {result.reports} reports, {result.events} events, "
              f"{result.files} files in {target} ({took:.2f} s)")
        return 0
    if result.why_every_page:
        print(f"every page made again: {result.why_every_page}")
    steps = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.items())
    print(f"built {result.reports} reports, {result.events} events: {result.files} files in {target}; "
          f"parsed {_many(result.parsed, 'file')}, rendered {_many(result.rendered, 'page')}"
          + (f", indexed {_many(result.indexed, 'search shard')}" if search else "") + f" ({took:.2f} s: {steps})")
    return 0


def _many(n: int, noun: str) -> str:
    """"1 file", "2 files"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _intact(target: Path) -> str:
    if (target / "index.html").exists():
        return f"the last site in {target} is intact"
    return f"nothing was written to {target}"


def _system_error(exc: BaseException, target: Path | None = None) -> str:
    """An OSError or SQLite's error as one plain sentence. A file refused is
    said to be the output's or its cache's only when it is in one of them."""
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        what = exc.strerror or str(exc)
        ours = target is None or not exc.filename or any(
            Path(os.path.abspath(os.fsdecode(exc.filename))).is_relative_to(folder)
            for folder in (target.resolve(), cache_dir(target)))
        if exc.errno in (28, 122):  # ENOSPC, EDQUOT
            what = "the disk is full"
        elif exc.errno in (13, 1, 30) and ours:  # EACCES, EPERM, EROFS
            what = f"{what}: the output folder or the cache beside it may not be written"
        elif exc.errno in (13, 1, 30):
            what = f"{what}: make it readable"
        return what + where
    text = str(exc)
    return "the disk is full (the build cache could not be written)" if "full" in text else f"the build cache: {text}"


def cmd_check(root: Path, fmt: str, strict: bool = False) -> int:
    """Exit 1 on errors, or on warnings with --strict (printed as errors then)."""
    try:
        warnings = check(root)
    except ContentError as exc:
        problems = [replace(p, severity="error") for p in exc.problems] if strict else exc.problems
        print_problems(problems, fmt)
        promoted = strict and any(p.severity != "error" for p in exc.problems)  # what --strict made errors
        print(f"{_count(_errors(problems), 'error')} found{' (--strict)' if promoted else ''}.", file=sys.stderr)
        if exc.held:
            note = held_note(exc.held)
            print(f"::notice::{note}" if fmt == "github" else f"note: {note}",
                  file=sys.stdout if fmt == "github" else sys.stderr)
        return 1
    if strict:
        warnings = [replace(w, severity="error") for w in warnings]
    print_problems(warnings, fmt)
    if not warnings:
        print("no problems found", file=sys.stderr)
        return 0
    print(f"{_count(warnings, warnings[0].severity)} found{' (--strict)' if strict else ''}.", file=sys.stderr)
    return 1 if strict else 0


def held_note(kinds: list[str]) -> str:
    """What check holds back while there are errors, in a sentence: a warning
    the files in error could make wrong or right (which of two near names is
    the slip, a toll against reports not read) waits, but not unsaid. The
    kinds (build._warnings_of) are named, not counted: some of those held
    would go once the errors are mended (a tag's name only an erring report uses)."""
    return (f"while there are errors, check holds back the warnings that the files in error could change "
            f"({'; '.join(kinds)}): run check again once the errors are mended")


def _errors(problems: list[Problem]) -> list[Problem]:
    """The errors among `problems` (a failed build also names the files it does not read, as warnings)."""
    return [p for p in problems if p.severity == "error"]


def _count(problems: list[Problem], noun: str) -> str:
    return f"{len(problems)} {noun}{'s' if len(problems) != 1 else ''}"


# GitHub shows at most this many annotations of each kind (error, warning) a step
# makes on the pull request's lines; the others are in the step's log alone.
ANNOTATIONS_SHOWN = 10


def print_problems(problems: list[Problem], fmt: str, file: TextIO | None = None) -> None:
    for p in problems:
        print(annotation(p) if fmt == "github" else p, file=file or sys.stdout)
    if fmt != "github":
        return
    for kind in ("error", "warning"):
        n = sum(p.severity == kind for p in problems)
        if n > ANNOTATIONS_SHOWN:  # said, where a contributor would think the unmarked lines right
            print(f"::notice::{n} {kind}s in all: GitHub marks the first {ANNOTATIONS_SHOWN} on their lines; "
                  f"every one is in this step's log (the Check step, above)", file=file or sys.stdout)


def annotation(p: Problem) -> str:
    """A GitHub Actions workflow command: `::error file=x.md,line=4::date: …`, which
    GitHub shows on that line of the pull request's diff."""
    message = f"{p.field}: {p.message}" if p.field else p.message
    return f"::{p.severity} file={_escape(p.path, True)},line={p.line}::{_escape(message)}"


def _escape(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text
