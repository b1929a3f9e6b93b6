"""Official statistics in: the Department for Education's tidy (EES) files as data packages.

One job per module: ``ees`` reads a tidy file and names its areas, ``mappings`` reads the documented
mappings in sources/mappings/, ``areas`` builds the national registry (areas, changes, neighbour
models), ``figures`` turns a publication's rows into observations, ``package_writer`` writes files
byte for byte the same every time, and ``importer`` puts them together for `transparency
import-official`.
"""
