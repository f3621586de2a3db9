"""``nnsim lesson list`` and ``nnsim lesson run``: the course's lessons from the command line."""

from __future__ import annotations

from nnsim.cli.common import EXIT_ERROR, language


def add_parser(sub) -> None:
    """Register the ``lesson`` subcommand and its actions on the CLI's subparsers."""
    lesson = sub.add_parser("lesson", help="list or run the course's lessons")
    lsub = lesson.add_subparsers(dest="lesson_command", metavar="ACTION", required=True)
    ll = lsub.add_parser("list", help="the lessons in lecture order")
    ll.add_argument("--lang", choices=("en", "zh"))
    ll.set_defaults(func=list_lessons)
    lr = lsub.add_parser("run", help="run a lesson headless and check its outcome")
    lr.add_argument("name")
    lr.add_argument("--lang", choices=("en", "zh"))
    lr.set_defaults(func=run_lesson)


def list_lessons(args) -> int:
    """``nnsim lesson list``: number, name, section and title of each lesson."""
    from nnsim.lessons import list_lessons as rows_of

    rows = rows_of(language(args))
    width = max(len(n) for n, _, _ in rows)
    for k, (name, section, title) in enumerate(rows, start=1):
        print(f"{k:2d}. {name:{width}s}  §{section:<10s} {title}")
    return 0


def run_lesson(args) -> int:
    """``nnsim lesson run NAME``: train the lesson and say whether its outcome holds."""
    from nnsim.lessons import run

    result = run(args.name)
    print(result.summary(language(args)))
    return 0 if result.ok else EXIT_ERROR
