"""CI configuration: the workflows lint clean, run what the README tells people to run, and the
pre-commit hook other repositories use points at a real command of this package."""

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from generator.cli import cli
from generator.diff.report import MARKER
from support import ROOT

WORKFLOWS = ROOT / ".github/workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
MAKE = re.compile(r"\bmake ([a-z][a-z-]*)")


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(document: dict) -> list[dict]:
    return [step for job in document["jobs"].values() for step in job.get("steps", [])]


def run_scripts(document: dict) -> list[str]:
    return [step["run"] for step in steps(document) if "run" in step]


def make_targets(document: dict) -> list[str]:
    return [target for script in run_scripts(document) for target in MAKE.findall(script)]


def test_actionlint_passes():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["deploy.yml", "pull-request.yml"]
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_expression_is_pasted_into_a_shell_script():
    """Values reach scripts through env, so a branch name cannot become a command."""
    for name in ("deploy.yml", "pull-request.yml"):
        for script in run_scripts(workflow(name)):
            assert "${{" not in script, f"{name}: {script}"


def test_workflows_run_the_make_targets_the_readme_documents():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    documented = set(MAKE.findall(readme))
    pull_request, deploy = workflow("pull-request.yml"), workflow("deploy.yml")
    assert make_targets(pull_request) == ["validate", "site", "test"]
    assert make_targets(deploy) == ["site"]
    for target in {*make_targets(pull_request), *make_targets(deploy)}:
        assert target in documented, f"make {target} is not in README.md"
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is not in the Makefile"


def test_pull_request_workflow_annotates_diffs_and_keeps_a_preview():
    document = workflow("pull-request.yml")
    assert document[True] == {"pull_request": None}  # PyYAML reads the key `on` as True
    assert document["permissions"] == {"contents": "read", "pull-requests": "write"}
    scripts = "\n".join(run_scripts(document))
    assert "make validate FORMAT=github" in scripts
    assert 'transparency diff --base "origin/$BASE_REF"' in scripts
    by_action = {step.get("uses", "").split("@")[0]: step for step in steps(document)}
    assert by_action["actions/checkout"]["with"]["fetch-depth"] == 0
    assert MARKER in by_action["actions/github-script"]["with"]["script"]
    assert by_action["actions/upload-artifact"]["with"]["path"] == "site/"
    [diff_step] = [s for s in steps(document) if "transparency diff" in s.get("run", "")]
    assert diff_step["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def test_deploy_workflow_builds_with_the_pages_address_and_repository():
    document = workflow("deploy.yml")
    assert document[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert document["concurrency"]["group"] == "pages"
    build, deploy = document["jobs"]["build"], document["jobs"]["deploy"]
    [make_site] = [s for s in build["steps"] if s.get("run") == "make site"]
    assert make_site["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_pre_commit_hook_runs_a_real_command_of_this_package():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "transparency-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["name"] and hook["description"]
    script, command = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts[script] == "generator.cli:main"
    [installed] = importlib.metadata.entry_points(group="console_scripts", name=script)
    assert installed.value == "generator.cli:main"
    assert command in cli.commands
    files = re.compile(hook["files"])
    for path in ("datapackages/registry/datapackage.json", "datapackages/a-report/observations.csv"):
        assert files.search(path), path
    for path in ("content/index.md", "README.md", "generator/schemas/observations.schema.json"):
        assert not files.search(path), path
