"""Formulas set like the slides: the engine's plain notation as Qt rich text (or Unicode).

The engine and the command line write formulas in plain text (``β_1``, ``w_10,j``,
``δ_2^(1)``, ``h_{t−1}``, ``Σ_j``, ``e^−x``; nnsim.engine.notation). The GUI shows them
with real subscripts and superscripts, single-letter variables (σ and f included, as the
book sets them) in italics, and numbers, multi-letter names (ReLU, tanh, log, net) and
operators (Σ, Δ, ∂) upright:

    >>> math_html("b_1 = σ(0.755)")
    '<i>b</i><sub>1</sub> = <i>σ</i>(0.755)'

One scanner reads the notation (``_tokens``); two writers turn it into Qt rich text
(``math_html``, for labels, lists and tooltips) or into Unicode sub-/superscript
characters where a widget shows plain text only (``math_unicode``: group-box titles, plot
axes). Anything the scanner does not recognise passes through unchanged, so words,
Chinese text and new records (any ``StepRecord``) are safe to convert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

#: Capital Greek letters used as operators (sum, difference, gradient): always upright and
#: a token of their own, so "Δw_11" is Δ followed by the variable w₁₁.
OPERATORS = frozenset("ΣΔΠ∇")

# An index after "_" without braces: digits or single letters, comma-separated groups
# ("1", "1j", "10,j", "hj"); at most three letters in a row, so "neuron_labels" is a word.
_INDEX = re.compile(r"(?:\d+|[^\W\d_]){1,3}(?:,(?:\d+|[^\W\d_]){1,3})*(?![^\W_])")
# An exponent after "^" without brackets: "2", "T", "−x", "−1".
_EXPONENT = re.compile(r"[−-]?(?:\d+|[^\W\d_])(?![^\W_])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[−-]?\d+)?")

#: Unicode's subscript and superscript characters, for the characters that have one.
_SUB = dict(zip("0123456789+−-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
_SUP = dict(
    zip(
        "0123456789+−-=()abcdefghijklmnoprstuvwxyzTβγδθφχ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᵝᵞᵟᶿᵠᵡ",
    )
)
# Unicode sub-/superscript characters in plain text (β₁, β₁ᵗ, 0.9¹), read back as indices so
# that they are set like every other index.
_FROM_SUB = {v: ("−" if k == "-" else k) for k, v in _SUB.items()}
_FROM_SUP = {v: ("−" if k == "-" else k) for k, v in _SUP.items()}


def _is_letter(ch: str) -> bool:
    """A Latin or Greek letter (Chinese and other scripts pass through as text)."""
    if ch in _FROM_SUB or ch in _FROM_SUP:
        return False
    return ch.isalpha() and ord(ch) < 0x2000 or "\u1d00" <= ch <= "\u1dbf"


def _is_greek(ch: str) -> bool:
    return "\u0370" <= ch <= "\u03ff"


def _is_mark(ch: str) -> bool:
    """A combining mark (the hat of ŷ written as y + U+0302) or a prime."""
    return "\u0300" <= ch <= "\u036f" or ch in "′″"


@dataclass
class _Token:
    """One piece of a formula: ``kind`` is "var", "word", "op", "num" or "text"."""

    kind: str
    text: str
    sub: list | None = None
    sup: list | None = None
    sup_brackets: bool = False


def _closing(s: str, i: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at ``s[i]``, or -1."""
    depth = 0
    for k in range(i, len(s)):
        if s[k] == open_:
            depth += 1
        elif s[k] == close:
            depth -= 1
            if depth == 0:
                return k
    return -1


def _script(s: str, i: int, mark: str) -> tuple[list | None, bool, int]:
    """The sub- (mark "_") or superscript (mark "^") at ``s[i]``: (tokens, brackets, end)."""
    if i >= len(s) or s[i] != mark or i + 1 >= len(s):
        return None, False, i
    j = i + 1
    if s[j] == "{":
        end = _closing(s, j, "{", "}")
        if end > j:
            return _tokens(s[j + 1 : end]), False, end + 1
    if mark == "^" and s[j] == "(":
        end = _closing(s, j, "(", ")")
        if end > j:
            return _tokens(s[j + 1 : end]), True, end + 1
    m = (_INDEX if mark == "_" else _EXPONENT).match(s, j)
    if m:
        return _tokens(m.group()), False, m.end()
    return None, False, i


def _unicode_script(s: str, i: int, table: dict) -> tuple[list | None, int]:
    """Unicode sub- or superscript characters at ``s[i]`` (β₁, 0.9¹) as script tokens."""
    j = i
    while j < len(s) and s[j] in table:
        j += 1
    if j == i:
        return None, i
    return _tokens("".join(table[c] for c in s[i:j])), j


def _tokens(s: str) -> list[_Token]:
    """Split plain notation into tokens, sub- and superscripts attached to their base."""
    out: list[_Token] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        m = _NUMBER.match(s, i) if ch.isdigit() else None
        if m:
            tok = _Token("num", m.group())
            i = m.end()
        elif ch in OPERATORS:
            tok = _Token("op", ch)
            i += 1
        elif _is_letter(ch):
            j = i + 1
            # a run of one script: "μv" is μ times v, "net" and "tanh" are words
            while (
                j < n
                and (_is_letter(s[j]) or _is_mark(s[j]))
                and s[j] not in OPERATORS
                and (_is_mark(s[j]) or _is_greek(s[j]) == _is_greek(ch))
            ):
                j += 1
            word = s[i:j]
            letters = sum(1 for c in word if _is_letter(c))
            tok = _Token("var" if letters == 1 else "word", word)
            i = j
        else:
            # text up to the next character that may start a token
            j = i + 1
            while j < n and not (
                s[j].isdigit() or s[j] in OPERATORS or _is_letter(s[j]) or s[j] in "_^"
            ):
                j += 1
            if ch in "_^" and out:
                j = i + 1  # a mark no script followed: plain text
            tok = _Token("text", s[i:j])
            i = j
        if tok.kind != "text":
            tok.sub, _, i = _script(s, i, "_")
            tok.sup, tok.sup_brackets, i = _script(s, i, "^")
            if tok.sub is None and tok.sup is not None:
                tok.sub, _, i = _script(s, i, "_")  # x^(1)_2 as well as x_2^(1)
            if tok.sub is None:
                tok.sub, i = _unicode_script(s, i, _FROM_SUB)
            if tok.sup is None:
                tok.sup, i = _unicode_script(s, i, _FROM_SUP)
        out.append(tok)
    return out


# --------------------------------------------------------------------------- rich text
def _html(tokens: list[_Token], prose: bool) -> str:
    parts = []
    for k, tok in enumerate(tokens):
        if tok.kind == "var":
            italic = (
                not prose or tok.sub is not None or tok.sup is not None or _lower_greek(tok.text)
            )
            if prose and not italic:
                italic = _assigned(tokens, k)
            if tok.text == "e" and tok.sup is not None and tok.sub is None:
                italic = False  # Euler's e in e^−x is a constant, upright
            body = f"<i>{escape(tok.text)}</i>" if italic else escape(tok.text)
        elif tok.kind == "text":
            body = _spaces(escape(tok.text, quote=False))
        else:
            body = escape(tok.text, quote=False)
        if tok.sub is not None:
            body += f"<sub>{_html(tok.sub, False)}</sub>"
        if tok.sup is not None:
            inner = _html(tok.sup, False)
            body += f"<sup>({inner})</sup>" if tok.sup_brackets else f"<sup>{inner}</sup>"
        parts.append(body)
    return "".join(parts)


def _lower_greek(word: str) -> bool:
    return "\u03b1" <= word[0] <= "\u03c9" or word[0] in "ϑϕϵ"


#: Signs that make a neighbouring lone letter a variable in prose ("N − F", "x = 1").
_MATH_SIGNS = "=←−+/×·<>≤≥"


def _assigned(tokens: list[_Token], k: int) -> bool:
    """In prose, whether the lone Latin letter ``tokens[k]`` is a variable: a sign of
    ``_MATH_SIGNS`` stands beside it ("x = …", "(N − F + 2P)/S"), a number is glued to
    it ("2P"), or it ends the text after a word (a caption naming a symbol: "Bias b").
    Otherwise it stays upright: the English "a", a neuron called "A"."""
    prev = tokens[k - 1] if k > 0 else None
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is None:
        return prev is not None and prev.kind == "text" and prev.text.endswith(" ")
    after = nxt.text.lstrip()[:1] if nxt.kind == "text" else ""
    before = prev.text.rstrip()[-1:] if prev is not None and prev.kind == "text" else ""
    if (after and after in _MATH_SIGNS) or (before and before in _MATH_SIGNS):
        return True
    return prev is not None and prev.kind == "num"


def _spaces(text: str) -> str:
    # Rich text collapses runs of spaces; the formulas use two to separate their parts.
    text = text.replace("\n", "<br>")
    return re.sub(r" {2,}", lambda m: "&nbsp;" * (len(m.group()) - 1) + " ", text)


def math_html(text: str, prose: bool = False) -> str:
    """``text`` in the engine's plain notation as Qt rich text (no <html> wrapper).

    Parameters
    ----------
    text : str
        A formula (``"β_1 = 0.35×0.1 + 0.9×0.8 = 0.755"``) or words with symbols in them.
    prose : bool
        True for words with symbols (a record's heading, a sentence): a single letter is
        set in italics only when it is plainly a variable (it has an index, it is a
        lowercase Greek letter, a sign such as "=" or "−" stands beside it, or it ends a
        caption: "Bias b"), so the English "a" and a neuron called "A" stay upright.
        False for a formula: every single letter is a variable.

    Returns
    -------
    str
        HTML for a QLabel / QTextDocument: ``<i>b</i><sub>1</sub>`` for ``b_1``,
        ``<i>h</i><sub><i>t</i>−1</sub>`` for ``h_{t−1}``, ``<i>o</i><sub>1</sub><sup>(2)</sup>``
        for ``o_1^(2)``; numbers and <, & escaped.
    """
    return _html(_tokens(str(text)), prose)


def record_html(record, lang: str = "en", digits: int = 6) -> str:
    """A step record (``nnsim.engine.stepper.StepRecord``) as rich text: its words in
    prose, then its formula.

    Works for any record with ``head(lang)`` and ``formula(digits)``, as ``text`` builds it.
    """
    head = record.head(lang)
    formula = math_html(record.formula(digits))
    if not head:
        return formula
    colon = "：" if lang == "zh" else ": "
    return f"{math_html(head, prose=True)}{colon}{formula}"


def labelled_html(text: str) -> str:
    """A sentence introducing a formula ("Convolution: S(i,j) = Σ_m Σ_n …"): the words up
    to the first colon in prose, the formula after it in math (every letter a variable).
    Without a colon the whole text is prose."""
    text = str(text)
    cut = [i for i in (text.find(": "), text.find("：")) if i >= 0]
    if not cut:
        return math_html(text, prose=True)
    i = min(cut)
    j = i + (2 if text[i] == ":" else 1)
    return math_html(text[:j], prose=True) + math_html(text[j:])


def rich(html: str) -> str:
    """``html`` marked as rich text for a tooltip or an item (Qt guesses from the tag)."""
    return f"<qt>{html}</qt>"


# --------------------------------------------------------------------------- Unicode
def _plain(tokens: list[_Token]) -> str:
    return "".join(
        t.text
        + ("" if t.sub is None else "_" + _plain(t.sub))
        + ("" if t.sup is None else "^" + _plain(t.sup))
        for t in tokens
    )


def _mapped(tokens: list[_Token], table: dict, brackets: bool = False) -> str | None:
    flat = _plain(tokens)
    if any(t.sub is not None or t.sup is not None for t in tokens):
        return None  # nested scripts: keep the plain notation
    flat = f"({flat})" if brackets else flat
    out = [table.get(c, "," if c == "," else None) for c in flat]
    return None if None in out else "".join(out)


def _unicode(tokens: list[_Token]) -> str:
    parts = []
    for t in tokens:
        body = t.text
        if t.sub is not None:
            sub = _mapped(t.sub, _SUB)
            body += (
                sub
                if sub is not None
                else "_" + (_plain(t.sub) if len(t.sub) == 1 else "{" + _plain(t.sub) + "}")
            )
        if t.sup is not None:
            sup = _mapped(t.sup, _SUP, t.sup_brackets)
            if sup is None:
                inner = _plain(t.sup)
                sup = f"^({inner})" if t.sup_brackets else f"^{inner}"
            body += sup
        parts.append(body)
    return "".join(parts)


def math_unicode(text: str) -> str:
    """``text`` with its indices as Unicode sub-/superscript characters, for widgets that
    show plain text only (group-box titles, plot axes, combo boxes).

    ``h_{t−1}`` → ``hₜ₋₁``, ``o_1^(2)`` → ``o₁⁽²⁾``, ``e^−x`` → ``e⁻ˣ``. An index with a
    character Unicode has no sub-/superscript for (``f_W``: there is no subscript W)
    keeps its plain notation.
    """
    return _unicode(_tokens(str(text)))


# --------------------------------------------------------------------------- painting
def html_document(html: str, font: QFont) -> QTextDocument:
    """A one-paragraph document of ``html`` in ``font``, no margin (for measuring and painting)."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    return doc


def draw_html(
    painter: QPainter, rect: QRectF, html: str, font: QFont, color: QColor | None = None
) -> None:
    """Paint ``html`` (e.g. ``math_html("W_h")``) centred in ``rect``, for views that draw
    their own text (the unrolled RNN); ``color`` defaults to the painter's pen."""
    doc = html_document(html, font)
    size = doc.size()
    ctx = QAbstractTextDocumentLayout.PaintContext()
    ctx.palette.setColor(QPalette.ColorRole.Text, color or painter.pen().color())
    painter.save()
    painter.translate(
        rect.x() + (rect.width() - size.width()) / 2, rect.y() + (rect.height() - size.height()) / 2
    )
    doc.documentLayout().draw(painter, ctx)
    painter.restore()


# --------------------------------------------------------------------------- lists
class RichTextDelegate(QStyledItemDelegate):
    """Draws an item's text (DisplayRole) as rich text, wrapped to the view's width.

    QListWidget items show plain text only; the step list of the formula panel holds
    formulas with sub- and superscripts.
    """

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: float):
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(opt)
        doc.setHtml(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        doc.setTextWidth(max(width, 10.0))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index, opt.rect.width())
        html_text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        opt.text = html_text
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        width = view.viewport().width() if view is not None else opt.rect.width()
        doc = self._document(opt, index, width)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
