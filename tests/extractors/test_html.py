from extractors.html import html_to_text


def test_header_over_two_rows_with_spanning_cells_is_one_header_row() -> None:
    page = ("<table><thead><tr><th rowspan='2'>Chemistry</th><th colspan='2'>Shipments (GWh)</th></tr>"
            "<tr><th>2023</th><th>2024</th></tr></thead>"
            "<tr><td>Sodium-ion</td><td>3.1</td><td>9.8</td></tr><tr><td>Zinc-air</td><td>0.4</td><td>0.7</td></tr>"
            "</table>")
    text, [table] = html_to_text(page)
    assert table.rows == (("Chemistry", "Shipments (GWh) 2023", "Shipments (GWh) 2024"),
                          ("Sodium-ion", "3.1", "9.8"), ("Zinc-air", "0.4", "0.7"))
    assert text[table.char_start:table.char_end].startswith("Chemistry\tShipments (GWh) 2023\t")


def test_body_cells_spanning_rows_or_columns_are_said_once_in_their_place() -> None:
    page = ("<table><tr><th>Region</th><th>Units</th></tr>"
            "<tr><td rowspan=2>Europe</td><td>1</td></tr><tr><td>2</td></tr>"
            "<tr><td colspan=2>Asia</td></tr><tr><td>Japan</td><td>3</td></tr></table>")
    _, [table] = html_to_text(page)
    assert table.rows == (("Region", "Units"), ("Europe", "1"), ("", "2"), ("Asia", ""), ("Japan", "3"))


def test_a_table_of_heading_cells_only_keeps_its_rows() -> None:
    page = "<table><tr><th>A</th><th>B</th></tr><tr><th>1</th><th>2</th></tr><tr><th>3</th><th>4</th></tr></table>"
    _, [table] = html_to_text(page)
    assert table.rows == (("A", "B"), ("1", "2"), ("3", "4"))
