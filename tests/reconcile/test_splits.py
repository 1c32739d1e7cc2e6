"""A source's split of a total that one document adds up and another does not (`reconcile.splits`)."""

import schemas
from reconcile import reconcile
from tests.reconcile.frames import figure, figures


def _report(doc: str, total: float, traditional: float, digital: float) -> list[dict]:
    def said(quote: str, value: float, subject: str, sentence: str, start: int) -> dict:
        return figure(doc, quote, value, subject=subject, year=2025, sentence=sentence, start=start,
                      publisher="Acme Research")
    return [said(f"${total:g} billion", total * 1e9, "the widget market",
                 f"Acme Research expects the widget market to reach ${total:g} billion in 2025.", 0),
            said(f"${traditional:g} billion", traditional * 1e9, "revenues of traditional widget makers",
                 f"Revenues of traditional widget makers will fall to ${traditional:g} billion.", 100),
            said(f"${digital:g} billion", digital * 1e9, "digital widget platforms",
                 f"Digital widget platforms will grow to ${digital:g} billion.", 200)]


def _inconsistencies(*rows: dict) -> list[list[float]]:
    found = reconcile(figures(*rows), schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))
    return found.query("check == 'parts_against_total'")["values"].map(lambda v: [x / 1e9 for x in v]).tolist()


def test_parts_another_document_adds_up_to_the_total_must_add_up_in_this_one_too():
    assert _inconsistencies(*_report("a.txt", 979, 264, 715), *_report("b.txt", 979, 261, 709)) == [
        [979, 261, 709, 979, 264, 715]]


def test_parts_no_document_adds_up_say_nothing_of_the_whole():
    # neither document's two parts make its total: they may be two of several parts
    assert _inconsistencies(*_report("a.txt", 979, 264, 600), *_report("b.txt", 979, 261, 709)) == []
    # both add up: no finding
    assert _inconsistencies(*_report("a.txt", 979, 264, 715), *_report("b.txt", 979, 263.6, 715.4)) == []


def test_a_document_whose_own_parts_add_up_in_another_split_agrees_with_itself():
    # b.txt's two parts miss its total by $9 billion, which its third part, the rest, makes up
    rest = figure("b.txt", "$9 billion", 9e9, subject="other widget channels", year=2025, start=300,
                  sentence="Other widget channels will bring $9 billion.", publisher="Acme Research")
    assert _inconsistencies(*_report("a.txt", 979, 264, 715), *_report("b.txt", 979, 261, 709), rest) == []
