"""One source's statement quoted twice under keys a word apart (`reconcile.quotes`), on made-up reports."""

from tests.reconcile.frames import figure, figures
from tests.reconcile.test_findings import kinds, run


def _quote(doc: str, sentence: str, quote: str, value: float, subject: str, metric: str = "market_size") -> dict:
    return figure(doc, quote, value, metric=metric, unit="percent" if quote.endswith("%") else "USD",
                  subject=subject, sentence=sentence, year=2024, publisher="Acme Research")


def _two_reports(narrow_value: str, wide_value: str) -> list[dict]:
    a = f"Acme Research says marine insurance premiums grew 5% to ${narrow_value} billion in 2024."
    b = f"Cargo marine insurance premiums grew 5% to ${wide_value} billion in 2024, according to Acme Research."
    return [_quote("a.txt", a, "5%", 5.0, "marine insurance premiums", "growth_rate"),
            _quote("a.txt", a, f"${narrow_value} billion", float(narrow_value) * 1e9, "marine insurance premiums"),
            _quote("b.txt", b, "5%", 5.0, "cargo marine insurance premiums", "growth_rate"),
            _quote("b.txt", b, f"${wide_value} billion", float(wide_value) * 1e9, "cargo marine insurance premiums")]


def test_one_statement_quoted_twice_a_word_apart_is_compared():
    found = run(figures(*_two_reports("9.0", "9.6")))
    money = found[found["values"].map(lambda v: min(v) > 1e6)]
    assert kinds(money) == [("conflict", "cross_source")]


def test_two_statements_sharing_the_number_beside_them_are_not_one():
    # the same 5% growth beside two far-apart amounts: the narrow key's market and the wider key's segment
    found = run(figures(*_two_reports("9.0", "2.4")))
    assert found[found["values"].map(lambda v: min(v) > 1e6)].empty
