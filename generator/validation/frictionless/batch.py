"""Ask Frictionless about many packages at once: cached answers first, the rest on every core.

Frictionless spends about 35 ms of CPU on each package, nearly all of it fixed cost inside the library
(it copies and re-validates each field's metadata several times per file), so the only ways to make
it cheaper without changing what it reports are to not ask again (validation_cache.py) and to ask
on several cores. Each package is validated exactly as one call to frictionless_problems would, and
the answers come back in the packages' order, so the problems are the same however they are found.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.core.problems import Problem
from generator.core.workers import cores, start_method
from generator.inputs.packages import Package
from generator.validation.frictionless.cache import ValidationCache, package_key

# Below this many packages per worker, starting the workers costs more than it saves.
_MIN_PACKAGES_PER_WORKER = 8


def _problems_of(package: Package, root: Path) -> list[Problem]:
    # Imported when asked for: Frictionless itself takes 0.3 s to import, and a build whose
    # packages are all cached never asks.
    from generator.validation.frictionless.problems import frictionless_problems

    return frictionless_problems(package, root)


def _in_parallel(packages: list[Package], root: Path, workers: int) -> list[list[Problem]]:
    # Workers get the descriptor, not the parsed tables: Frictionless reads the files itself.
    light = [Package(p.name, p.directory, p.descriptor_file, p.descriptor) for p in packages]
    chunk = max(1, len(light) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=start_method()) as pool:
        return list(pool.map(_problems_of, light, [root] * len(light), chunksize=chunk))


def _run(packages: list[Package], root: Path, workers: int | None) -> list[list[Problem]]:
    if not packages:
        return []
    import generator.validation.frictionless.problems  # noqa: F401  (once, before the workers fork)

    if workers is None:
        workers = min(cores(), len(packages) // _MIN_PACKAGES_PER_WORKER)
    if workers > 1 and len(packages) > 1:
        try:
            return _in_parallel(packages, root, workers)
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had here (a sandbox, no /dev/shm): the same work in this one
    return [_problems_of(package, root) for package in packages]


def frictionless_batch(
    packages: list[Package], root: Path, *, cache: Path | None = None, workers: int | None = None
) -> list[Problem]:
    """Frictionless's problems with every package in ``packages``, in their order.

    ``cache`` is the file that remembers them between runs (None: ask Frictionless about every
    package); ``workers`` fixes the number of processes (default: one per core, when worth it).
    """
    if cache is None:
        return [problem for found in _run(packages, root, workers) for problem in found]
    store = ValidationCache.load(cache, root)
    keys = [package_key(package) for package in packages]
    answers = [store.get(p.descriptor_file, key) for p, key in zip(packages, keys, strict=True)]
    missing = [index for index, answer in enumerate(answers) if answer is None]
    for index, found in zip(missing, _run([packages[i] for i in missing], root, workers), strict=True):
        answers[index] = found
        # A file saved while Frictionless was reading it must not pair the old key with new problems.
        if package_key(packages[index]) == keys[index]:
            store.put(packages[index].descriptor_file, keys[index], found)
    store.save()
    return [problem for answer in answers for problem in answer or []]
