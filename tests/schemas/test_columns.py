import schemas


def test_columns_are_the_pandera_schemas_columns_in_order() -> None:
    for name, model in schemas.SCHEMAS.items():
        assert schemas.columns(name) == list(model.to_schema().columns), name
