"""Paragraphs of a PDF page's text, with the line breaks a typesetter wrapped them at taken out.

A PDF holds lines, not paragraphs: "shipped 41.3 million\\nRiver kettles" would end a sentence
at the line break and part a number from its scale. A line of prose that runs (nearly) the full
width of the page's text wraps into the next line, as does any line followed by one that starts in
lower case, unless it ends a sentence or a heading, or either line is a list item or a table's row.
Each such break becomes a space, one character for one, so every span into the page's text stays
where it was.
"""

from __future__ import annotations

import re

from extractors import lexicon
from extractors.tables_text import line_kind

FULL_WIDTH = 0.8  # a line at least this share of the page's long lines' length wraps
MIN_PROSE_WIDTH = 40  # characters: pages of shorter lines (slides, forms, tables) are left as they are
LONG_LINE_RANK = 0.9  # the page's long-line length: this quantile of its line lengths
MIN_PROSE_WORDS = 4
PROSE_LOWER_SHARE = 0.5  # share of a prose line's words that start in lower case, at least
WORD = re.compile(r"[^\W\d_][\w'’-]*")
LIST_ITEM = re.compile(rf"^\s*{lexicon.LIST_MARK}\s")
# A line that ends a sentence, a heading's colon or a table row is not joined: a full line may be a
# paragraph's last, and a heading may follow it.
ENDS_LINE = re.compile(r"[.!?:;|][\"”’)\]]?\s*$")


def join_wrapped_lines(text: str, keep: list[tuple[int, int]]) -> str:
    """`text` with each wrapped line's break turned into a space, outside the spans in `keep` (the
    page's tables, whose lines are rows) and their edges."""
    lines = text.split("\n")
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return text
    long_line = lengths[min(len(lengths) - 1, int(LONG_LINE_RANK * len(lengths)))]
    chars = list(text)
    position = 0
    for line, following in zip(lines, lines[1:], strict=False):
        newline = position + len(line)
        position = newline + 1
        # The breaks before and after a kept span stay too: a table's first row is not glued to prose.
        if _wraps(line, following, long_line) and not any(start - 1 <= newline <= end for start, end in keep):
            chars[newline] = " "
    return "".join(chars)


def _wraps(line: str, following: str, long_line: int) -> bool:
    body, next_body = line.strip(), following.strip()
    if not body or not next_body or ENDS_LINE.search(body) or LIST_ITEM.match(following):
        return False
    if not next_body[0].islower() and not (long_line >= MIN_PROSE_WIDTH and len(body) >= FULL_WIDTH * long_line
                                           and _prose(body)):
        return False
    return line_kind(line) is None and line_kind(following) is None  # a table's rows stay apart


def _prose(line: str) -> bool:
    """Most words of a line of prose start in lower case; the rows of a table whose lines were not
    found (names, places, dates and numbers) do not."""
    words = WORD.findall(line)
    return len(words) >= MIN_PROSE_WORDS and sum(w[0].islower() for w in words) >= PROSE_LOWER_SHARE * len(words)
