"""The GitHub workflows: valid for actionlint and for GitHub's own schema,
actions pinned, and every command they run one that exists here."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from incidents.cli import parser

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is pinned in requirements.txt: run python3 dev.py setup"
    return str(path)


def test_there_are_the_two_workflows():
    assert [p.name for p in WORKFLOWS] == ["check.yml", "pages.yml"]


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    """actionlint with the pinned ShellCheck, which it runs on every step's script."""
    return subprocess.run([tool("actionlint"), "-no-color", f"-shellcheck={tool('shellcheck')}", *map(str, paths)],
                          cwd=ROOT, capture_output=True, text=True)


def test_actionlint_finds_nothing():
    done = actionlint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_checks_the_steps_shell_scripts(tmp_path):
    workflow = tmp_path / ".github/workflows/bad.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                        "      - run: rm -rf $RUNNER_TEMP/out/*\n")
    done = actionlint(workflow)
    assert done.returncode == 1 and "SC2086" in done.stdout, done.stdout + done.stderr


def test_githubs_workflow_schema_accepts_them():
    done = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def commands(path: Path) -> list[list[str]]:
    """Each command line of the workflow's run: scripts, with variables given sample values."""
    workflow = load(path.name)
    out = []
    for step in steps(workflow):
        for line in step.get("run", "").splitlines():
            line = re.sub(r"\$\{[^}]*\}|\$[A-Za-z_]+", "https://example.org", line).strip()
            if line and not line.startswith("#"):
                out.append(shlex.split(line))
    return out


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_run_only_commands_that_exist(path):
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    for words in commands(path):
        program, *args = words
        if program in ("python3", ".venv/bin/python") and args[0] == "build.py":
            parser().parse_args(args[1:])  # exits (SystemExit) on an unknown command or option
        elif program == "python3" and args[0] == "dev.py":
            assert f'"{args[1]}"' in dev, f"dev.py has no command {args[1]}"
        else:
            assert shutil.which(program), f"{program} is not a command here"


def test_pull_requests_check_with_annotations_build_then_test():
    """The content is checked and the site built with only what the build needs,
    so that a contributor's annotations come first; the tests, which install a
    browser and Java, run once the content checks (needs), never on a mistake
    already said on its line."""
    workflow = load("check.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    content, tests = workflow["jobs"]["content"], workflow["jobs"]["tests"]
    run = [step.get("run", "") for step in content["steps"]]
    assert run.index("python3 dev.py setup --build") < run.index(".venv/bin/python build.py check --format github")
    build = next(i for i, r in enumerate(run) if r.startswith(".venv/bin/python build.py build"))
    assert run.index(".venv/bin/python build.py check --format github") < build
    # the built site kept for the review, made for the address a reader's own server gives it
    assert "--base-url http://localhost:8000/" in run[build]
    upload = content["steps"][build + 1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "output"
    assert tests["needs"] == "content"
    assert [step.get("run") for step in tests["steps"] if "run" in step][-2:] == ["python3 dev.py setup",
                                                                                 "python3 dev.py test"]
    assert not any("if" in step for job in (content, tests) for step in job["steps"])


def test_pushes_to_main_deploy_to_pages_with_its_address():
    workflow = load("pages.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    by_action = {step["uses"].split("@")[0]: step for step in steps(workflow) if "uses" in step}
    assert {"actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= set(by_action)
    assert by_action["actions/configure-pages"]["id"] == "pages"
    # the pages' History needs every commit, and git must be let read a checkout made for another user
    assert by_action["actions/checkout"]["with"] == {"persist-credentials": False, "fetch-depth": 0}
    assert any("safe.directory" in step.get("run", "") for step in build["steps"])
    script = next(step for step in build["steps"] if "build.py build" in step.get("run", ""))
    assert script["env"] == {"BASE_URL": "${{ steps.pages.outputs.base_url }}",
                             "REPOSITORY": "${{ github.server_url }}/${{ github.repository }}"}
    assert '--base-url "${BASE_URL%/}/" --repository "$REPOSITORY"' in script["run"]
    assert "touch output/.nojekyll" in script["run"]
    # upload-pages-artifact leaves dotfiles out unless told (v4 and later): keep .nojekyll.
    assert by_action["actions/upload-pages-artifact"]["with"] == {"path": "output", "include-hidden-files": True}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


@pytest.mark.parametrize("given", ["https://owner.github.io/repo", "https://owner.github.io/repo/"])
def test_the_pages_address_gets_exactly_one_final_slash(given):
    """configure-pages gives https://owner.github.io/repo, without the slash: the build
    step's own --base-url argument, as bash expands it."""
    script = next(step["run"] for step in steps(load("pages.yml")) if "build.py build" in step.get("run", ""))
    argument = re.search(r'--base-url ("[^"]*")', script).group(1)
    done = subprocess.run(["bash", "-c", f"printf '%s\\n' {argument}"], env={"BASE_URL": given},
                          capture_output=True, text=True, check=True)
    assert done.stdout == "https://owner.github.io/repo/\n"


def readme_commands() -> list[list[str]]:
    """Every command of the README's shell blocks, comments left out."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    return [words for block in blocks for line in block.splitlines()
            if (words := shlex.split(line, comments=True))]


def shape(words: list[str]) -> list[str]:
    """A command with its values stood for: an address or a variable is a value."""
    return ["VALUE" if re.match(r"https?://|\$", word) else word for word in words]


def run_lines(step: dict) -> list[list[str]]:
    return [shlex.split(line) for line in step.get("run", "").splitlines() if line.strip()]


def test_the_readme_commands_are_read():
    shapes = [shape(c) for c in readme_commands()]
    assert ["python3", "dev.py", "test"] in shapes
    assert ["python3", "dev.py", "setup", "--build"] in shapes
    assert [".venv/bin/python", "build.py", "build", "--base-url", "VALUE", "--repository", "VALUE"] in shapes


def test_pull_requests_run_the_readmes_test_command_and_ci_does_too():
    test_command = next(c for c in readme_commands() if c[:2] == ["python3", "dev.py"] and c[2] == "test")
    runs = [run_lines(step) for step in steps(load("check.yml"))]
    assert [test_command] in runs  # a step that runs exactly it
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.startswith("exec ")]
    assert ci == ["exec " + " ".join(test_command)]


@pytest.mark.parametrize("name, setups", [
    ("check.yml", [["python3", "dev.py", "setup", "--build"], ["python3", "dev.py", "setup"]]),
    ("pages.yml", [["python3", "dev.py", "setup", "--build"]])])
def test_installing_is_dev_pys_setup_as_the_readme_says(name, setups):
    """What the build needs to check and build; everything for the tests."""
    installs = [step for step in steps(load(name)) if step.get("name", "").startswith("Install")]
    assert [run_lines(step) for step in installs] == [[setup] for setup in setups]
    assert all(setup in readme_commands() for setup in setups)
    every = [words for step in steps(load(name)) for words in run_lines(step)]
    assert not any(w[0] in ("apt-get", "npm", "pip") or w[1:2] == ["-m"] for w in every), every


def test_pages_builds_with_the_readmes_build_command():
    script = next(step for step in steps(load("pages.yml")) if "build.py build" in step.get("run", ""))
    builds = [shape(words) for words in run_lines(script) if "build.py" in words]
    assert builds == [[".venv/bin/python", "build.py", "build", "--base-url", "VALUE", "--repository", "VALUE"]]
    assert builds[0] in [shape(c) for c in readme_commands()]


def test_pages_restores_and_saves_the_build_cache():
    """actions/cache restores the newest cache before the build and saves this
    run's after it, under a key of its own."""
    build = load("pages.yml")["jobs"]["build"]["steps"]
    at = next(i for i, step in enumerate(build) if step.get("uses", "").startswith("actions/cache@"))
    built = next(i for i, step in enumerate(build) if "build.py build" in step.get("run", ""))
    assert at < built
    cache = build[at]["with"]
    assert cache["path"].split() == [".output.cache/", "output/"]
    assert "${{ github.run_id }}" in cache["key"] and "${{ github.sha }}" in cache["key"]
    prefixes = cache["restore-keys"].split()
    assert prefixes == [cache["key"].split("$")[0]]


def test_nojekyll_is_kept_out_of_the_build():
    """The build knows nothing of .nojekyll: removed before it, so a restored
    output builds as a clean one, and written after it, for Pages."""
    script = next(step for step in steps(load("pages.yml")) if "build.py build" in step.get("run", ""))
    lines = [line.strip() for line in script["run"].splitlines()]
    built = next(i for i, line in enumerate(lines) if "build.py build" in line)
    assert lines[:built] == ["rm -f output/.nojekyll"]
    assert lines[built + 1:] == ["touch output/.nojekyll"]
