"""How long loading the course takes: read, check and render every language.

    .venv/bin/python bench/bench_content.py [DIR]     (default: content)

Prints the best of several runs and its ratio to the floor measured in the same
run: reading the same files from disk and decoding them, nothing more. The
target for the real course is under 1 s.
"""

import sys
from pathlib import Path

from timing import best_of

from trainer.modules.courses import load_content

RUNS = 5


def content_files(content_dir: Path) -> list[Path]:
    return sorted(p for p in content_dir.rglob("*") if p.is_file())


def read_all(files: list[Path]) -> None:
    for path in files:
        path.read_bytes().decode("utf-8", errors="replace")


def main(content_dir: Path) -> None:
    files = content_files(content_dir)
    result = load_content(content_dir)  # warm-up, and the figures to print
    if result.catalogue is None:
        print(f"{content_dir} has {len(result.errors)} error(s); run: trainer content check")
    floor = best_of(RUNS * 4, lambda: read_all(files))
    load = best_of(RUNS, lambda: load_content(content_dir))
    size = sum(p.stat().st_size for p in files)
    languages = ", ".join(result.catalogue.languages) if result.catalogue else "?"
    modules = len(result.catalogue.module_ids) if result.catalogue else "?"
    print(f"content:    {content_dir} ({len(files)} files, {size / 1024:.0f} KiB)")
    print(f"course:     {modules} modules in {languages}; {len(result.problems)} problem(s)")
    print(f"read floor: {floor * 1000:8.2f} ms  (read and decode every file)")
    print(f"load:       {load * 1000:8.2f} ms  (read, check, render, sanitise)")
    print(f"ratio:      {load / floor:8.0f} x the floor")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("content"))
