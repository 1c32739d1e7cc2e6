"""Lists of figures: the i-th figure of a list belongs to the i-th name of the list of as many names before it,
with "respectively" or without ("The US and India trail with 8% and 5%"), and a figure whose owner is a place
is about that place."""

from __future__ import annotations

import re

from extractors import clauses, subjects
from extractors.figures.drafts import _Draft
from extractors.figures.state import _SentenceView


_LIST_GAP = re.compile(r"[ \t]*,?[ \t]*(?:and[ \t]+)?")
_BEFORE_RESPECTIVELY = re.compile(r"[ \t,()]*(?:[a-z]+[ \t]+){0,3}?[ \t,]*$")


def respectively(view: _SentenceView, drafts: list[_Draft]) -> None:
    """ "Amazon, Microsoft and Google ... were 30%, 21% and 12% respectively": the i-th figure of the list
    belongs to the i-th name of the list of as many names before it."""
    text, sentence, state = view.text, view.sentence, view.state
    at = text.find("respectively", sentence.start, sentence.end)
    run: list[_Draft] = []
    for draft in reversed([d for d in drafts if d.end <= at]):
        gap = text[draft.end:run[0].start] if run else text[draft.end:at]
        if run and not _LIST_GAP.fullmatch(gap) or not run and not _BEFORE_RESPECTIVELY.fullmatch(gap):
            break
        run.insert(0, draft)
    if len(run) < 2:
        return
    names = subjects.respective_names(text, sentence.start, run[0].start, len(run),
                                      leave_out=state.paragraph_firm or state.publisher,
                                      sentence_start=sentence.start, proper=state.proper_words())
    if len(names) == len(run):
        _give_names(view, run, names)


def _give_names(view: _SentenceView, run: list[_Draft], names: list[str]) -> None:
    """The i-th figure of a list belongs to the i-th name, not to the clause's subject where that names none of
    the list ("The remaining members of the top ten markets grew, with Italy, Japan and France 1% each")."""
    owner = clauses.clause_subject(view.text, view.sentence.start, run[0].start)
    group = owner.phrase if owner and not any(n in owner.phrase for n in names) else None
    # the names as the subjects may write them together: all of them, or the last group ("Globex and Initech")
    together = [", ".join(names[k:-1]) + " and " + names[-1] for k in range(len(names) - 1)]
    for draft, name in zip(run, names):
        draft.entity = name
        subject = draft.subject or ""
        for written in together:
            subject = subject.replace(written, name)
        for other in names:  # the other items' names left by the words around the figure: "Germany" of Brazil's
            if other != name and name not in other:
                subject = re.sub(rf"(?<![\w\-]){re.escape(other)}(?![\w\-])", " ", subject)
        subject = " ".join(subject.replace(group, " ").split()) if group else " ".join(subject.split())
        draft.subject = subject if name in subject else f"{name} {subject}".strip()


# Two figures of one kind written as a list: "8% and 5%", "+6.8 GW, +6.2 GW and +4.7 GW".
_FIGURE_LIST_GAP = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|and[ \t]+)[+~≈]?")
_CLAUSE_OPENING = re.compile(r"[;:]")


def parallel_lists(view: _SentenceView, drafts: list[_Draft]) -> None:
    """ "The US and India trail with 8% and 5%", "Brazil and Germany each took 3% (+18.9 GW and +17.4 GW)": a
    list of as many figures as the list of names written last before it in its clause gives the i-th figure
    to the i-th name, as "respectively" would (a list followed by "respectively" is `respectively`'s)."""
    text, sentence, state = view.text, view.sentence, view.state
    i = 0
    while i < len(drafts):
        run = [drafts[i]]
        while i + len(run) < len(drafts) and drafts[i + len(run)].kind == run[0].kind \
                and _FIGURE_LIST_GAP.fullmatch(text, run[-1].end, drafts[i + len(run)].start):
            run.append(drafts[i + len(run)])
        i += len(run)
        after = drafts[i].start if i < len(drafts) else sentence.end
        if len(run) < 2 or 0 <= text.find("respectively", run[-1].end, sentence.end) < after:
            continue
        openings = list(_CLAUSE_OPENING.finditer(text, sentence.start, run[0].start))
        start = openings[-1].end() if openings else sentence.start
        names = subjects.name_group(text, start, run[0].start, leave_out=state.paragraph_firm or state.publisher,
                                    sentence_start=sentence.start, proper=state.proper_words())
        if len(names) == len(run):
            _give_names(view, run, names)


def owner_place(places: tuple[tuple[int, str], ...], body: str, entity: str | None, offset: int) -> str | None:
    """The place among a sentence's `places` (offset, name) that the figure's owner names ("US" of "The US
    and India trail with 8% and 5%" is the United States), None where the owner is not a place."""
    if not entity:
        return None
    at = body.rfind(entity, 0, offset)
    if at < 0:
        return None
    return next((place for start, place in places if at <= start < at + len(entity)), None)
