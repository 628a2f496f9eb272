import io

import pytest
from django.core.management import CommandError, call_command

from logistics.models import DistributionDay, Round
from logistics.tasks import plan_rounds_task


@pytest.mark.django_db
def test_plan_rounds_command_shows_a_progress_bar_and_the_rounds(small_day):
    out, err = io.StringIO(), io.StringIO()
    call_command("plan_rounds", "--date", "2030-05-17", "--time-limit", "0.5", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2 tournée(s), 4 arrêt(s) planifiés."
    assert sum(line.startswith("- Fourgon frigo · ") for line in lines) == 2
    assert sum(line.startswith("    ") for line in lines) == 4
    assert "Planification: 5/5" in err.getvalue() and "Enregistrement des tournées" in err.getvalue()
    assert Round.objects.count() == 2


@pytest.mark.django_db
def test_plan_rounds_command_refuses_bad_dates_in_french(small_day):
    with pytest.raises(CommandError, match="Date invalide « 17/05/2030 » : format attendu AAAA-MM-JJ."):
        call_command("plan_rounds", "--date", "17/05/2030")
    with pytest.raises(CommandError, match="Aucune journée de distribution le 18/05/2030."):
        call_command("plan_rounds", "--date", "2030-05-18")


@pytest.mark.django_db
def test_task_reports_progress_through_its_state_and_the_day(small_day, monkeypatch):
    # given a task whose state updates are recorded (as a worker with a result backend would store them)
    states = []
    monkeypatch.setattr(plan_rounds_task, "update_state",
                        lambda state, meta: states.append((state, meta)))
    plan_rounds_task.push_request(id="t-1", is_eager=False)
    try:
        result = plan_rounds_task.run(small_day.day.pk, 0.5)
    finally:
        plan_rounds_task.pop_request()
    # then every step was reported in order, and the day holds the last one
    assert [meta["current"] for _, meta in states] == [0, 1, 2, 3, 4, 5]
    assert {state for state, _ in states} == {"PROGRESS"}
    assert states[2][1] == {"current": 2, "total": 5, "step": "Calcul des tournées"}
    assert result == {"ok": True, "message": "2 tournée(s), 4 arrêt(s) planifiés.", "rounds": 2, "stops": 4}
    day = DistributionDay.objects.get(pk=small_day.day.pk)
    assert (day.planning_current, day.planning_total, day.planning_step) == (5, 5, "Enregistrement des tournées")
