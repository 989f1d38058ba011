"""A decision about a person is never preselected: a form sent unread « accepted » a referral, made a
candidate « Retenu », recorded « En emploi durable » six months after a path (a steering figure) or moved
an application. Each select starts from « Choisir… » and an empty choice is refused in French."""

import pytest

from maillage.clauses.forms import OutcomeForm
from maillage.directory.forms import AnswerForm
from maillage.events.forms import DecisionForm
from maillage.jobs.forms import ApplicationMoveForm

FORMS = [
    (AnswerForm, "decision", "Choisissez d'accepter ou de refuser l'orientation."),
    (DecisionForm, "decision", "Choisissez « Retenu » ou « Non retenu »."),
    (OutcomeForm, "situation", "Choisissez la situation constatée (« Situation inconnue » si elle l'est)."),
    (ApplicationMoveForm, "to_state", "Choisissez le nouvel état de la candidature."),
]


@pytest.mark.parametrize("form_class,field,message", FORMS)
def test_the_decision_starts_empty_and_an_empty_one_is_refused(db, form_class, field, message):
    assert form_class().fields[field].choices[0] == ("", "Choisir…")
    form = form_class(data={field: ""})
    assert not form.is_valid()
    assert form.errors[field] == [message]
