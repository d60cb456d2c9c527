"""The synthetic IDM generator: deterministic, official shapes, the thresholds."""

from decimal import Decimal

from assets.idm.synthetic import status_of


def test_status_of_thresholds_edges() -> None:
    assert status_of(Decimal("0.4907")) == "SANGAT TERTINGGAL"
    assert status_of(Decimal("0.49070001")) == "TERTINGGAL"
    assert status_of(Decimal("0.5989")) == "TERTINGGAL"
    assert status_of(Decimal("0.7072")) == "BERKEMBANG"
    assert status_of(Decimal("0.8155")) == "MAJU"
    assert status_of(Decimal("0.8156")) == "MANDIRI"
