"""Several questions on one screen, for a trained clerk at a desk: a compact presentation of the
same flow data, walked by the same engine (never a second copy of a flow).

Consecutive question steps form a group when nothing between them needs an answer first: the
first leads to the second by a fixed ``next`` (no branch), neither offers another way to answer
(an ``alternative`` is its own path), the second's options do not depend on earlier answers
(``choices_from``), and nothing else leads into the second. A group holds at most
``MAX_STEPS`` steps and ``MAX_FIELDS`` fields. Groups are fixed for a flow, so "Atrás" from one
group lands on the first step of the one before, as "Continuar" left it.

``submit_group`` submits the group's steps one after the other through ``FlowRun.submit``; at the
first step with errors it steps back to the group's first step, keeps everything typed, and
returns that step's errors: the engine's rules (validation, cross-field checks, branching) are
the only rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import FieldError, Flow, QuestionStep

MAX_STEPS = 4
MAX_FIELDS = 5


def _static_next(flow: Flow, step: QuestionStep) -> str | None:
    if isinstance(step.next, str):
        return step.next
    if step.next is None:
        return flow.following(step.id)
    return None  # a branch: known only once answered


_KNOWN: dict[int, tuple[Flow, Mapping[str, tuple[str, ...]]]] = {}


def chunks(flow: Flow) -> Mapping[str, tuple[str, ...]]:
    """Each question step's group (the ids of its steps, in order); worked out once per flow
    (flows are module constants: the flow is kept with its groups, so its id stays its own)."""
    known = _KNOWN.get(id(flow))
    if known is None or known[0] is not flow:
        known = (flow, _chunks(flow))
        _KNOWN[id(flow)] = known
    return known[1]


def _chunks(flow: Flow) -> Mapping[str, tuple[str, ...]]:
    questions = {s.id: s for s in flow.steps if isinstance(s, QuestionStep)}
    links: dict[str, str] = {}
    for step in questions.values():
        target = _static_next(flow, step) if step.alternative is None else None
        if target in questions:
            links[step.id] = target
    into = Counter(links.values())
    links = {
        source: target
        for source, target in links.items()
        if into[target] == 1
        and target != flow.start
        and questions[target].alternative is None
        and not any(f.choices_from for f in questions[target].fields)
    }
    linked = set(links.values())
    groups: dict[str, tuple[str, ...]] = {}
    for head in (s for s in questions if s not in linked):
        chain = [head]
        while chain[-1] in links and links[chain[-1]] not in chain:
            chain.append(links[chain[-1]])
        group: list[str] = []
        fields = 0
        for step_id in chain:
            size = len(questions[step_id].fields)
            if group and (len(group) == MAX_STEPS or fields + size > MAX_FIELDS):
                groups.update(dict.fromkeys(group, tuple(group)))
                group, fields = [], 0
            group.append(step_id)
            fields += size
        groups.update(dict.fromkeys(group, tuple(group)))
    return groups


def group(run: FlowRun) -> tuple[QuestionStep, ...]:
    """The questions shown together now: the current one and those after it in its group. One
    only while an answer is changed from the review (the run then skips answered steps)."""
    step = run.current
    if not isinstance(step, QuestionStep):
        return ()
    if run.changing:
        return (step,)
    ids = chunks(run.flow).get(step.id, (step.id,))
    following = ids[ids.index(step.id) :]
    return tuple(s for s in (run.flow.step(i) for i in following) if isinstance(s, QuestionStep))


def submit_group(run: FlowRun, values: Mapping[str, str]) -> list[FieldError]:
    """Submit the group shown with ``values``; [] when every step was accepted."""
    shown = group(run)
    if not shown:
        raise ValueError("no question is shown")
    for step in shown:
        for f in step.fields:  # what is typed stays, whatever is refused
            if f.id in values:
                run.raw[f.id] = values[f.id]
    first = shown[0].id
    for step in shown:
        if run.current.id != step.id:
            break  # the flow went elsewhere (past answered steps, another branch)
        errors = run.submit({f.id: values.get(f.id, "") for f in step.fields})
        if errors:
            while run.current.id != first and run.can_go_back:
                run.back()
            return errors
    return []


def back_group(run: FlowRun) -> bool:
    """ "Atrás" from a group: to the first step of the group before."""
    if not run.back():
        return False
    ids = chunks(run.flow).get(run.current.id)
    while ids and run.current.id in ids and run.current.id != ids[0] and run.can_go_back:
        run.back()
    return True
