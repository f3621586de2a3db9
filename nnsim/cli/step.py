"""``nnsim step``: one forward pass, error, backward pass and update, printed number by number."""

from __future__ import annotations

from nnsim.cli.common import language, open_document, positive_int, save_document


def add_parser(sub) -> None:
    """Register the ``step`` subcommand on the CLI's subparsers."""
    s = sub.add_parser("step", help="print one forward + backward + update, number by number")
    s.add_argument("file", help="a .nnsim file or a lesson name")
    s.add_argument("--sample", type=int, help="which training sample (default: what the rule uses)")
    s.add_argument("--lang", choices=("en", "zh"), help="language of the text (default: from LANG)")
    s.add_argument("--digits", type=positive_int, default=6, help="significant digits (6)")
    s.add_argument("--save", metavar="OUT", help="save the updated network to OUT")
    s.set_defaults(func=run)


def run(args) -> int:
    """The command: print each phase's lines in the book's notation, save if asked."""
    from nnsim.model.session import Session

    doc, name = open_document(args.file)
    lang = language(args)
    session = Session(doc)
    stepper = session.stepper(sample=args.sample)
    title = doc.meta.title_zh if lang == "zh" else doc.meta.title_en
    head = f"{title} ({name})" if title else name
    print(head)
    phase = None
    words = {
        "en": {"forward": "forward", "loss": "error", "backward": "backward", "update": "update"},
        "zh": {"forward": "前向", "loss": "误差", "backward": "反向", "update": "更新"},
    }[lang]
    if doc.settings.rule == "perceptron":
        words["loss"] = {"en": "compare with the target", "zh": "与目标比较"}[lang]
    for rec in stepper.run_to_end():
        if rec.phase != phase:
            phase = rec.phase
            print(f"-- {words.get(phase, phase)}")
        # an optimiser's update takes several lines: the later ones indented under the first
        print(rec.text(lang, digits=args.digits).replace("\n", "\n    "))
    if args.save:
        session.sync_document()
        print(f"saved {save_document(doc, args.save)}")
    return 0
