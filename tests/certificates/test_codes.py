"""Codes: unguessable, and typeable without confusing one symbol for another."""

import math

import pytest

from trainer.modules.certificates.codes import (
    ALPHABET,
    LENGTH,
    display_code,
    new_code,
    normalise_code,
)


def test_a_code_carries_at_least_80_random_bits_in_symbols_without_look_alikes():
    assert LENGTH * math.log2(len(ALPHABET)) >= 80
    assert len(set(ALPHABET)) == len(ALPHABET) == 32
    assert not set("ILOU") & set(ALPHABET)
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)


def test_codes_are_shown_in_groups_of_four():
    assert display_code("7K3MQ9XD2HPAW4RT") == "7K3M-Q9XD-2HPA-W4RT"


@pytest.mark.parametrize(
    "typed",
    ["7K3M-Q9XD-2HPA-W4RT", "7k3m q9xd 2hpa w4rt", " 7K3MQ9XD2HPAW4RT ", "7k3m-q9xd-2hpa-w4rt"],
)
def test_a_code_is_read_however_it_is_spaced_or_cased(typed):
    assert normalise_code(typed) == "7K3MQ9XD2HPAW4RT"


def test_look_alikes_are_read_as_the_symbols_they_resemble():
    assert normalise_code("O1L0-IIII-2222-3333") == "0110111122223333"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7K3M-Q9XD-2HPA",
        "7K3M-Q9XD-2HPA-W4RTX",
        "UUUU-UUUU-UUUU-UUUU",
        "7K3M/Q9XD/2HPA/W4RT",
        "7" * 100,
    ],
)
def test_what_cannot_be_a_code_is_refused(typed):
    assert normalise_code(typed) is None
