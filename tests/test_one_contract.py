"""Every report is checked against the project's schema, and nothing is fetched while checking."""

import socket
from pathlib import Path

import pytest

from generator.build import BuildFailed, build_site
from generator.core.contract import observation_fields, observation_schema, observations_resource
from generator.project import Project
from generator.validation.frictionless import batch
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, write_package

REMOTE = "http://example.invalid/schema.json"
LOOSE_SCHEMA = {"fields": [{"name": name, "type": "string"} for name in observation_fields()]}


def check(tmp_path: Path, *paths: Path):
    return validate(list(paths), root=tmp_path, registry_parent=ROOT / "datapackages")


def with_resource(**change) -> dict:
    return {"resources": [{**observations_resource(), **change}]}


@pytest.fixture
def no_network(monkeypatch, tmp_path) -> Path:
    """Every attempt to reach the network fails, and is written down in a file, so that attempts
    made by forked Frictionless workers are seen too."""
    attempts = tmp_path / "network-attempts.txt"

    def refuse(*args, **kwargs):
        with attempts.open("a", encoding="utf-8") as record:
            record.write(f"{args!r}\n")
        raise OSError("no network during validation or build")

    real_connect = socket.socket.connect

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


def test_a_loosened_schema_does_not_let_bad_values_through(tmp_path):
    rows = [{**GOOD_ROW, "value": "lots", "flag": "q"}]
    package = write_package(tmp_path / "p", rows, **with_resource(schema=LOOSE_SCHEMA))
    result = check(tmp_path, package)
    by_column = {(p.check, p.column): p.message for p in result.problems}
    assert by_column[("frictionless/type-error", "value")].startswith("'lots' is not a valid number")
    assert ("frictionless/constraint-error", "flag") in by_column
    declared = [p for p in result.problems if p.check == "declared-schema"]
    assert [p.file for p in declared] == ["p/datapackage.json"]
    assert (
        "declares a schema other than the contract: field 'authority_code' has constraints"
        in declared[0].message
    )


def test_a_package_may_leave_the_schema_out_and_is_still_checked_against_the_contract(tmp_path):
    resource = {k: v for k, v in observations_resource().items() if k != "schema"}
    package = write_package(tmp_path / "p", [{**GOOD_ROW, "value": "lots"}], resources=[resource])
    result = check(tmp_path, package)
    assert [p.check for p in result.errors] == ["frictionless/type-error"]
    write_package(tmp_path / "p", resources=[resource])
    assert check(tmp_path, package).ok


def test_a_schema_that_repeats_the_contract_is_accepted_and_any_change_is_named(tmp_path):
    assert check(tmp_path, write_package(tmp_path / "same")).ok
    schema = observation_schema()
    changed = {**schema, "fields": [f for f in schema["fields"] if f["name"] != "note"]}
    result = check(tmp_path, write_package(tmp_path / "changed", **with_resource(schema=changed)))
    assert [p.message for p in result.problems if p.check == "declared-schema"] == [
        "resource 'observations' declares a schema other than the contract: it has no field 'note'"
    ]


REFERENCES = {
    "schema-url": with_resource(schema=REMOTE),
    "dialect-url": with_resource(dialect=REMOTE),
    "resource-profile-url": with_resource(profile=REMOTE),
    "package-profile-url": {"profile": REMOTE},
    "package-schema-url": {"$schema": REMOTE},
    "schema-file": with_resource(schema="schema.json"),
}


@pytest.mark.parametrize("workers", [1, 2])
def test_validation_never_fetches_what_a_descriptor_names(tmp_path, no_network, monkeypatch, workers):
    # With a minimum of one package per worker, Frictionless runs in forked workers.
    monkeypatch.setattr(batch, "_MIN_PACKAGES_PER_WORKER", 1 if workers > 1 else 10**6)
    folder = tmp_path / "datapackages"
    for name, change in REFERENCES.items():
        write_package(folder / name, **change)
    write_package(folder / "plain")
    result = check(tmp_path, folder)
    assert not no_network.exists(), no_network.read_text()
    refused = {p.file for p in result.problems if p.check == "descriptor-reference"}
    assert refused == {f"datapackages/{name}/datapackage.json" for name in REFERENCES}
    assert not [p for p in result.problems if p.file.startswith("datapackages/plain/")]


def test_the_messages_say_what_was_not_fetched_and_how_to_fix_it(tmp_path):
    result = check(tmp_path, write_package(tmp_path / "p", **with_resource(schema=REMOTE)))
    [problem] = [p for p in result.problems if p.check == "descriptor-reference"]
    assert (
        problem.message
        == f"resource 'observations': the schema is given by reference ('{REMOTE}'), which is never fetched"
    )
    assert problem.fix.startswith('delete "schema" (every report is checked against the contract')


def test_a_build_runs_with_no_network_and_refuses_a_remote_schema(project, no_network):
    build_site(Project(project))
    assert (project / "site" / "index.html").is_file()
    write_package(project / "datapackages" / "remote", **with_resource(schema=REMOTE))
    with pytest.raises(BuildFailed) as failure:
        build_site(Project(project), full=True)
    refused = [p for p in failure.value.validation.problems if p.check == "descriptor-reference"]
    assert [p.file for p in refused] == ["datapackages/remote/datapackage.json"]
    assert not no_network.exists(), no_network.read_text()
