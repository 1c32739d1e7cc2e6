"""Markdown reports as the text a reader sees: emphasis marks and link targets are blanked out.

"**US$78.4 billion**", "_71%_" and "according to [Example Research](https://example.com)" read as
"US$78.4 billion", "71%" and "according to Example Research". Each character of markup becomes a
space, one for one, so a figure's span in the text is its span in the file. Headings, list marks and
pipe tables are left as they are: the readers of sentences and tables know them.
"""

from __future__ import annotations

import re

# [text](target) and ![alt](source): the brackets and the target go, the text stays.
LINK = re.compile(r"!?\[(?P<text>[^\[\]\n]+)\](?P<target>\([^()\s]*(?:\s+\"[^\"\n]*\")?\))")
# **strong**, __strong__, *emphasis*, _emphasis_, `code`: marks that open after a non-word character and
# close before one, around text that starts and ends with a non-space, within one line.
EMPHASIS = re.compile(
    r"(?<![\w*`])(?P<mark>\*\*|__|\*|_|`)(?=\S)(?P<text>[^\n]*?[^\s\\])(?P=mark)(?![\w*`])")


def markdown_to_text(markdown: str) -> str:
    """`markdown` with its inline markup blanked out, as long as it was."""
    if "[" not in markdown and "*" not in markdown and "_" not in markdown and "`" not in markdown:
        return markdown
    text = LINK.sub(_blank_link, markdown)
    previous = None
    while previous != text:  # **_nested_** emphasis: one layer a pass
        previous, text = text, EMPHASIS.sub(_blank_marks, text)
    return text


def _blank_link(match: re.Match[str]) -> str:
    opening = match.start("text") - match.start()
    return " " * opening + match.group("text") + " " * (1 + len(match.group("target")))


def _blank_marks(match: re.Match[str]) -> str:
    mark = " " * len(match.group("mark"))
    return mark + match.group("text") + mark
