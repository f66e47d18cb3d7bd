"""What a large archive holds once: at 100,000 reports every field path and
every short repeated value (a country, a role, an actor's name) kept once
per file was a third of the archive's memory, held twice while a forked
worker renders."""

from __future__ import annotations

import pickle

from incidents.content.model import Lines, Location, record


def test_files_of_different_shapes_share_each_field_path():
    one = Lines({("title",): 2, ("actors", 0, "name"): 5, ("actors", 0, "role"): 6})
    other = pickle.loads(pickle.dumps(Lines({("title",): 2, ("actors", 0, "role"): 9})))
    assert other[("actors", 0, "role")] == 9 and one[("actors", 0, "role")] == 6
    assert one.paths[2] is other.paths[1] and one.paths[0] is other.paths[0]


def test_a_short_value_read_back_is_one_string_however_many_files_give_it():
    a, b = (pickle.loads(pickle.dumps(Location("".join(["Ga", "o"]), country="".join(["Ma", "li"]))))
            for _ in range(2))
    assert a == b and a.name is b.name and a.country is b.country
    long = "x" * 65
    c, d = (pickle.loads(pickle.dumps(Location(long))) for _ in range(2))
    assert c.name == d.name and c.name is not d.name  # a long text stays as it was read


@record
class Nothing:
    """A record with no fields."""


@record
class Named:
    name: str


@record
class Counted:
    count: int
    names: tuple[str, ...] = ()


def test_records_of_any_number_of_fields_read_back_as_they_were_written():
    for value in [Nothing(), Named("".join(["Ga", "o"])), Counted(3, ("a", "b")), Counted(0)]:
        assert pickle.loads(pickle.dumps(value)) == value
    assert pickle.loads(pickle.dumps(Named("".join(["Ga", "o"])))).name is pickle.loads(pickle.dumps(Named("Gao"))).name
