"""Tests for squad casting: an exhaustive reference on many small pools, behaviour, and a 3,000-person pool."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import combinations

import pytest

from cohandbook.core.casting.search import Candidate, Proposal, cast, recency_penalty

TODAY = date(2024, 6, 1)


def person(handle: str, skills: str = "", load: int = 0, days_ago: int | None = None) -> Candidate:
    """A candidate with space-separated skills, last squadded ``days_ago`` days before TODAY."""
    last = None if days_ago is None else TODAY - timedelta(days=days_ago)
    return Candidate(handle, frozenset(skills.split()), load, last)


# --- an independent, exhaustive reference ---------------------------------------------------------------


def ref_penalty(last: date | None, today: date) -> int:
    if last is None:
        return 0
    return max(0, 90 - max((today - last).days, 0))


def ref_covered(squad: Sequence[Candidate], needs: Sequence[str]) -> set[str]:
    return {need for need in needs if any(need in c.skills for c in squad)}


def ref_admissible(squad: Sequence[Candidate], needs: Sequence[str], low: int) -> bool:
    """Beyond the minimum size, every member must cover a need nobody else covers."""
    if len(squad) == low:
        return True
    full = ref_covered(squad, needs)
    return all(ref_covered([c for c in squad if c is not m], needs) != full for m in squad)


def ref_key(squad: Sequence[Candidate], needs: Sequence[str], today: date) -> tuple:
    return (
        -len(ref_covered(squad, needs)),
        len(squad),
        sum(c.record for c in squad),
        sum(c.load for c in squad),
        sum(ref_penalty(c.last_squad, today) for c in squad),
        tuple(sorted(c.handle for c in squad)),
    )


def reference(
    pool: Sequence[Candidate],
    needs: Sequence[str],
    size: tuple[int, int],
    top: int,
    today: date = TODAY,
) -> list[tuple[tuple[str, ...], int]]:
    """Every admissible squad of every allowed size, sorted by the full ranking key."""
    wanted = list(dict.fromkeys(needs))
    low, high = size
    squads = [
        squad
        for k in range(low, min(high, len(pool)) + 1)
        for squad in combinations(pool, k)
        if ref_admissible(squad, wanted, low)
    ]
    squads.sort(key=lambda squad: ref_key(squad, wanted, today))
    return [(tuple(sorted(c.handle for c in s)), len(ref_covered(s, wanted))) for s in squads[:top]]


def reference_ties(pool: Sequence[Candidate], needs: Sequence[str], size: tuple[int, int], top: int) -> list[bool]:
    """For each of the best ``top`` squads: does another admissible squad equal it on every criterion?"""
    wanted = list(dict.fromkeys(needs))
    low, high = size
    keys = sorted(
        ref_key(squad, wanted, TODAY)
        for k in range(low, min(high, len(pool)) + 1)
        for squad in combinations(pool, k)
        if ref_admissible(squad, wanted, low)
    )
    criteria = [key[:-1] for key in keys]
    return [criteria.count(key) > 1 for key in criteria[:top]]


def summary(proposals: list[Proposal]) -> list[tuple[tuple[str, ...], int]]:
    return [(p.members, len(p.covers)) for p in proposals]


def random_pool(rng: random.Random, people: int, vocab: Sequence[str]) -> list[Candidate]:
    """Small loads and frequent 'never' make ties common, so the tie-breaks get exercised."""
    handles = rng.sample(range(100, 1000), people)
    pool = []
    for handle in handles:
        skills = frozenset(rng.sample(vocab, rng.randint(0, min(4, len(vocab)))))
        last = rng.choice([None, None, TODAY - timedelta(days=rng.randint(-3, 130))])
        record = rng.choice([0, 0, 0, 1, 2, 4])
        pool.append(Candidate(f"h{handle}", skills, rng.choice([0, 0, 1, 2, 3]), last, record))
    return pool


def random_needs(rng: random.Random, vocab: Sequence[str]) -> list[str]:
    """2-6 needs, sometimes one nobody has and sometimes a duplicate."""
    needs = rng.sample([*vocab, "无人具备"], rng.randint(2, min(6, len(vocab) + 1)))
    if rng.random() < 0.2:
        needs.append(needs[0])
    return needs


@pytest.mark.parametrize("size", [(3, 5), (2, 3)])
def test_matches_exhaustive_reference_on_random_small_pools(size: tuple[int, int]) -> None:
    for seed in range(300):
        rng = random.Random(seed)
        vocab = [f"s{i}" for i in range(rng.randint(3, 8))]
        pool = random_pool(rng, rng.randint(5, 11), vocab)
        needs = random_needs(rng, vocab)
        top = rng.randint(1, 5)
        got = cast(pool, needs, size=size, top=top, today=TODAY)
        assert summary(got) == reference(pool, needs, size, top), (seed, needs)
        assert [p.tied for p in got] == reference_ties(pool, needs, size, top), (seed, needs)


@pytest.mark.parametrize("size", [(1, 2), (3, 4), (4, 4)])
def test_matches_exhaustive_reference_on_bigger_pools(size: tuple[int, int]) -> None:
    """More people than ``top + max_size`` per signature, so dominance pruning really drops people."""
    for seed in range(40):
        rng = random.Random(1000 + seed)
        vocab = [f"s{i}" for i in range(rng.randint(3, 6))]
        pool = random_pool(rng, rng.randint(12, 16), vocab)
        needs = random_needs(rng, vocab)
        top = rng.randint(1, 4)
        got = cast(pool, needs, size=size, top=top, today=TODAY)
        assert summary(got) == reference(pool, needs, size, top), (seed, needs)


def test_scores_never_rise_down_the_ranking() -> None:
    for seed in range(100):
        rng = random.Random(seed)
        vocab = [f"s{i}" for i in range(6)]
        pool = random_pool(rng, 10, vocab)
        got = cast(pool, random_needs(rng, vocab), top=5, today=TODAY)
        scores = [p.score for p in got]
        assert scores == sorted(scores, reverse=True)
        assert len({p.members for p in got}) == len(got)


# --- explanation -------------------------------------------------------------------------------------------

NEEDS = ["摄影", "剪辑", "文字", "设计", "无人机"]


def handmade_pool() -> list[Candidate]:
    return [
        person("an", "摄影 剪辑", load=1),
        person("bo", "文字", load=0),
        person("cy", "设计 文字", load=0, days_ago=30),
        person("di", "摄影", load=2),
        person("ed", "烹饪", load=0),
    ]


def test_explains_covers_missing_and_reasons() -> None:
    best = cast(handmade_pool(), NEEDS, today=TODAY)[0]
    assert best.members == ("an", "bo", "cy")
    assert best.covers == (
        ("摄影", ("an",)),
        ("剪辑", ("an",)),
        ("文字", ("bo", "cy")),
        ("设计", ("cy",)),
    )
    assert best.missing == ("无人机",)
    assert best.reasons[0] == "覆盖 4/5 项技能"
    assert "人才库中无人具备：无人机" in best.reasons
    assert "成员 3 人，其中 1 人为补足最少 3 人的补位（bo）" in best.reasons
    assert "当前任务量合计 1" in best.reasons
    assert "近 90 天内组过队：cy（新近度罚分合计 60）" in best.reasons


def test_ranking_follows_coverage_then_size_then_load() -> None:
    got = cast(handmade_pool(), NEEDS, top=4, today=TODAY)
    assert [p.members for p in got] == [
        ("an", "bo", "cy"),  # 4/5, load 1, padding bo is the cheapest
        ("an", "cy", "ed"),  # 4/5, load 1, ed has no needed skill but is as cheap as bo
        ("an", "cy", "di"),  # 4/5, load 3
        ("an", "bo", "ed"),  # 3/5 (设计 only cy has), load 1
    ]
    assert got[3].missing == ("设计", "无人机")
    assert "未覆盖：设计" in got[3].reasons


def test_needs_are_deduplicated_and_unknown_needs_stay_missing() -> None:
    got = cast(handmade_pool(), ["设计", "无人机", "设计", "潜水"], today=TODAY)
    for proposal in got:
        assert proposal.missing[-2:] == ("无人机", "潜水")
        assert proposal.reasons[0].endswith("/3 项技能")
    assert got[0].covers == (("设计", ("cy",)),)


def test_no_needs_picks_the_least_busy_people() -> None:
    got = cast(handmade_pool(), [], top=1, today=TODAY)
    assert got[0].members == ("bo", "cy", "ed")
    assert got[0].reasons[0] == "未指定所需技能"


# --- padding and size -----------------------------------------------------------------------------------


def test_padding_uses_the_least_loaded_least_recent_people() -> None:
    pool = [
        person("star", "a b c"),
        person("busy", "a b", load=3),
        person("fresh", "", days_ago=10),
        person("rested", "", days_ago=200),
        person("idle", ""),
        person("loaded", "", load=1),
    ]
    got = cast(pool, ["a", "b", "c"], top=3, today=TODAY)
    assert [p.members for p in got] == [
        ("idle", "rested", "star"),
        ("fresh", "idle", "star"),
        ("fresh", "rested", "star"),
    ]
    assert all(len(p.members) == 3 and not p.missing for p in got)
    assert "成员 3 人，其中 2 人为补足最少 3 人的补位（idle、rested）" in got[0].reasons


def test_members_beyond_the_minimum_must_add_a_skill() -> None:
    pool = [person(h, skill) for h, skill in [("a", "w"), ("b", "x"), ("c", "y")]]
    pool += [person("d", "z"), person("e", "", load=0), person("f", "w", load=9)]
    got = cast(pool, ["w", "x", "y", "z"], top=3, today=TODAY)
    assert got[0].members == ("a", "b", "c", "d")
    assert "成员 4 人" in got[0].reasons
    # {a,b,c,d,e} and {a,b,c,d,f} cover 4/4 too, but e and f add nothing: never proposed.
    assert got[1].members == ("b", "c", "d", "f")  # 4/4 with 4 people: f replaces a
    assert all(len(p.members) <= 4 for p in got)
    assert got[2].members == ("a", "b", "c")
    assert len(got[2].covers) == 3


def test_pool_smaller_than_minimum_gives_nothing() -> None:
    assert cast([person("a", "x"), person("b", "y")], ["x"], today=TODAY) == []
    assert cast([], ["x"], today=TODAY) == []


def test_maximum_beyond_pool_is_capped() -> None:
    pool = [person("a", "w"), person("b", "x"), person("c", "y"), person("d", "z")]
    got = cast(pool, ["w", "x", "y", "z"], size=(3, 9), top=1, today=TODAY)
    assert got[0].members == ("a", "b", "c", "d")


def test_fewer_squads_than_asked_returns_them_all() -> None:
    pool = [person("a", "x"), person("b", "y"), person("c", "")]
    got = cast(pool, ["x", "y"], size=(3, 5), top=10, today=TODAY)
    assert [p.members for p in got] == [("a", "b", "c")]


# --- recency -------------------------------------------------------------------------------------------


def test_recency_penalty_shape() -> None:
    assert recency_penalty(None, TODAY) == 0
    assert recency_penalty(TODAY, TODAY) == 90
    assert recency_penalty(TODAY - timedelta(days=1), TODAY) == 89
    assert recency_penalty(TODAY - timedelta(days=89), TODAY) == 1
    assert recency_penalty(TODAY - timedelta(days=90), TODAY) == 0
    assert recency_penalty(TODAY + timedelta(days=3), TODAY) == 90


def test_recently_squadded_person_comes_later() -> None:
    pool = [
        person("recent", "x", days_ago=5),
        person("earlier", "x", days_ago=60),
        person("never", "x"),
        person("y1", "y"),
        person("z1", "z"),
    ]
    got = cast(pool, ["x", "y", "z"], top=3, today=TODAY)
    assert [p.members for p in got] == [
        ("never", "y1", "z1"),
        ("earlier", "y1", "z1"),
        ("recent", "y1", "z1"),
    ]
    assert got[0].reasons[-1] == "成员近 90 天内均未组队"
    assert got[0].score > got[1].score > got[2].score


def test_load_outranks_recency() -> None:
    pool = [person("busy", "x", load=1), person("recent", "x", days_ago=0)]
    pool += [person("y1", "y"), person("z1", "z")]
    got = cast(pool, ["x", "y", "z"], top=2, today=TODAY)
    assert [p.members for p in got] == [("recent", "y1", "z1"), ("busy", "y1", "z1")]


# --- arguments and determinism --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"size": (0, 3)}, "at least 1"),
        ({"size": (4, 3)}, "exceeds the maximum"),
        ({"size": (3,)}, "pair of integers"),
        ({"size": (3.0, 5)}, "pair of integers"),
        ({"top": 0}, "top must be"),
        ({"needs": "摄影"}, "not one string"),
        ({"needs": ["摄影", ""]}, "non-empty"),
        ({"needs": [f"s{i}" for i in range(17)]}, "at most 16"),
    ],
)
def test_rejects_bad_arguments(kwargs: dict, message: str) -> None:
    call = {"needs": ["摄影"], "size": (3, 5), "top": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        cast(handmade_pool(), call["needs"], size=call["size"], top=call["top"], today=TODAY)


def test_rejects_bad_pools() -> None:
    with pytest.raises(ValueError, match="duplicate handle"):
        cast([person("a"), person("a"), person("b")], ["x"], today=TODAY)
    with pytest.raises(ValueError, match="non-negative"):
        cast([person("a", load=-1), person("b"), person("c")], ["x"], today=TODAY)


def test_sixteen_needs_are_accepted() -> None:
    needs = [f"s{i}" for i in range(16)]
    pool = [person(f"p{i}", f"s{i} s{(i + 1) % 16}") for i in range(16)]
    got = cast(pool, needs, size=(3, 8), top=1, today=TODAY)
    assert len(got[0].covers) == 16
    assert len(got[0].members) == 8


def test_result_does_not_depend_on_pool_order() -> None:
    rng = random.Random(7)
    vocab = [f"s{i}" for i in range(8)]
    pool = random_pool(rng, 40, vocab)
    needs = vocab[:5]
    first = cast(pool, needs, top=5, today=TODAY)
    for _ in range(5):
        rng.shuffle(pool)
        assert cast(pool, needs, top=5, today=TODAY) == first


# --- a realistic 3,000-person pool ----------------------------------------------------------------------

VOCAB = [f"tag{i:02d}" for i in range(30)]


def large_pool(seed: int, *, min_load: int = 0, ties: bool = False) -> list[Candidate]:
    """3,000 people with 15 of 30 tags each; ``ties`` gives everyone the same load and no history."""
    rng = random.Random(seed)
    pool = []
    for i in range(3000):
        skills = frozenset(rng.sample(VOCAB, 15))
        load = min_load if ties else rng.randint(min_load, min_load + 4)
        days = None if ties or rng.random() < 0.5 else rng.randint(0, 365)
        last = None if days is None else TODAY - timedelta(days=days)
        pool.append(Candidate(f"u{rng.randrange(10**9):09d}-{i}", skills, load, last))
    return pool


def best_coverage(pool: Sequence[Candidate], needs: Sequence[str], people: int) -> int:
    """Exact most-needs-covered by at most ``people`` people, by closing coverage masks."""
    sigs = {sum(1 << b for b, n in enumerate(needs) if n in c.skills) for c in pool}
    reached = {0}
    for _ in range(people):
        reached |= {mask | sig for mask in reached for sig in sigs}
    return max(mask.bit_count() for mask in reached)


def neighbours(squad: set[Candidate], pool: Sequence[Candidate], size: tuple[int, int]):
    """Squads one swap, removal or addition away, within the size bounds."""
    outsiders = [c for c in pool if c not in squad]
    for member in squad:
        for other in outsiders:
            yield (squad - {member}) | {other}
        if len(squad) > size[0]:
            yield squad - {member}
    if len(squad) < size[1]:
        for other in outsiders:
            yield squad | {other}


def assert_locally_optimal(proposals: list[Proposal], pool: Sequence[Candidate], needs: Sequence[str]) -> None:
    """Any admissible neighbour that beats a proposal must itself be ranked above it."""
    by_handle = {c.handle: c for c in pool}
    for rank, proposal in enumerate(proposals):
        squad = {by_handle[h] for h in proposal.members}
        key = ref_key(list(squad), needs, TODAY)
        above = {p.members for p in proposals[:rank]}
        for other in neighbours(squad, pool, (3, 5)):
            if ref_key(list(other), needs, TODAY) < key and ref_admissible(list(other), needs, 3):
                assert tuple(sorted(c.handle for c in other)) in above


@pytest.mark.parametrize("needs_count", [6, 8])
def test_large_pool_finds_planted_optimum(needs_count: int) -> None:
    """Only three people are idle, and together they cover every need: they must be first."""
    rng = random.Random(needs_count)
    needs = rng.sample(VOCAB, needs_count)
    pool = large_pool(needs_count, min_load=1)[:2997]
    thirds = [needs[0::3], needs[1::3], needs[2::3]]
    planted = [Candidate(f"idle{i}", frozenset(part), 0) for i, part in enumerate(thirds)]
    pool[1000:1000] = planted
    got = cast(pool, needs, top=3, today=TODAY)
    assert got[0].members == ("idle0", "idle1", "idle2")
    assert not got[0].missing
    assert [len(p.covers) for p in got] == [needs_count] * 3
    assert_locally_optimal(got, pool, needs)


@pytest.mark.parametrize(("seed", "ties"), [(1, False), (2, True)])
def test_large_pool_properties(seed: int, ties: bool) -> None:
    rng = random.Random(seed)
    pool = large_pool(seed, ties=ties)
    needs = [*rng.sample(VOCAB, 8), "nobody-has-this"]
    got = cast(pool, needs, top=3, today=TODAY)
    assert len(got) == 3
    assert len({p.members for p in got}) == 3
    assert all(p.members == tuple(sorted(p.members)) for p in got)
    assert all(3 <= len(p.members) <= 5 for p in got)
    assert all(p.missing[-1] == "nobody-has-this" for p in got)
    assert len(got[0].covers) == best_coverage(pool, needs, 5)
    assert [p.score for p in got] == sorted((p.score for p in got), reverse=True)
    assert_locally_optimal(got, pool, needs)
    shuffled = pool[:]
    random.Random(seed + 1).shuffle(shuffled)
    assert cast(shuffled, needs, top=3, today=TODAY) == got


def test_large_pool_with_a_rare_skill() -> None:
    """Coverage forces one specific, busy person into every top squad."""
    pool = large_pool(3)
    needs = ["tag01", "tag02", "tag03", "tag04", "rare"]
    pool.append(Candidate("zz-rare", frozenset({"rare"}), load=7))
    got = cast(pool, needs, top=3, today=TODAY)
    assert all("zz-rare" in p.members and not p.missing for p in got)
    assert_locally_optimal(got, pool, needs)


# --- track record and ties ------------------------------------------------------------------------------


def test_last_two_lapses_rank_below_on_time_delivery_other_things_equal() -> None:
    pool = [person("a", "x"), person("b", "y")]
    pool += [Candidate("lapser", frozenset({"z"}), 0, None, record=4), Candidate("steady", frozenset({"z"}))]
    got = cast(pool, ["x", "y", "z"], top=2, today=TODAY)
    assert got[0].members == ("a", "b", "steady")
    assert got[1].members == ("a", "b", "lapser")
    assert got[0].score > got[1].score and not got[0].tied
    assert any("lapser 4" in reason for reason in got[1].reasons)


def test_track_record_counts_before_load_and_rest() -> None:
    pool = [person("a", "x"), person("b", "y")]
    pool += [Candidate("late-once", frozenset({"z"}), 0, None, record=1)]
    pool += [Candidate("busy", frozenset({"z"}), 3, TODAY, record=0)]
    got = cast(pool, ["x", "y", "z"], top=1, today=TODAY)
    assert got[0].members == ("a", "b", "busy")


def test_proposals_that_tie_say_so_and_name_the_only_difference() -> None:
    pool = [person("a", "x"), person("b", "y"), person("f1", ""), person("f2", ""), person("f3", "", load=1)]
    got = cast(pool, ["x", "y"], top=3, today=TODAY)
    assert [p.members for p in got] == [("a", "b", "f1"), ("a", "b", "f2"), ("a", "b", "f3")]
    assert [(p.rank, p.tied) for p in got] == [(1, True), (1, True), (3, False)]
    assert got[0].score == got[1].score > got[2].score
    assert "方案 1、方案 2 并列" in got[0].reasons[-1] and "区别只在 f1" in got[0].reasons[-1]


def test_a_tie_with_a_squad_left_out_is_reported() -> None:
    pool = [person("a", "x"), person("b", "y"), person("f1", ""), person("f2", "")]
    got = cast(pool, ["x", "y"], top=1, today=TODAY)
    assert got[0].tied and "未列出的同分方案" in got[0].reasons[-1]


def test_filler_is_the_lightest_and_most_rested() -> None:
    pool = [person("a", "x"), person("b", "y"), person("aa-busy", "", load=2), person("ab-fresh", "", days_ago=3)]
    pool += [person("zz-idle", "", days_ago=400)]
    got = cast(pool, ["x", "y"], top=1, today=TODAY)
    assert got[0].members == ("a", "b", "zz-idle") and not got[0].tied


def test_negative_record_is_refused() -> None:
    with pytest.raises(ValueError, match="record"):
        cast([Candidate("a", frozenset(), record=-1)] * 1, [], size=(1, 1), today=TODAY)
