"""xAPI 1.0.3 statements about a learner's course, built from plain values.

Activity ids are IRIs under BASE_URL made of the course's own ids (module, lesson,
question, step), the same in every language, so a record store groups one module's
statements whatever language each learner read it in. Names and descriptions are
language maps in every language the course has. A statement gets its id here, when the
event is queued: sending it again after a lost answer cannot make a second one.
"""

import html
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

import nh3

from trainer.modules.courses import Catalogue, Course, Module, Question, QuestionKind, Step

ADL = "http://adlnet.gov/expapi"
# The ADL vocabulary where it has the word; the Tin Can registry's "earned" for a
# certificate; our own IRI for a revocation, which neither has.
VERBS: dict[str, tuple[str, dict[str, str]]] = {
    "experienced": (
        f"{ADL}/verbs/experienced",
        {"en": "experienced", "fi": "koki", "sv": "upplevde"},
    ),
    "attempted": (f"{ADL}/verbs/attempted", {"en": "attempted", "fi": "yritti", "sv": "försökte"}),
    "answered": (f"{ADL}/verbs/answered", {"en": "answered", "fi": "vastasi", "sv": "svarade"}),
    "passed": (f"{ADL}/verbs/passed", {"en": "passed", "fi": "läpäisi", "sv": "klarade"}),
    "failed": (f"{ADL}/verbs/failed", {"en": "failed", "fi": "ei läpäissyt", "sv": "klarade inte"}),
    "completed": (
        f"{ADL}/verbs/completed",
        {"en": "completed", "fi": "suoritti", "sv": "slutförde"},
    ),
    "earned": (
        "http://id.tincanapi.com/verb/earned",
        {"en": "earned", "fi": "ansaitsi", "sv": "förtjänade"},
    ),
    "revoked": (
        "{base}/xapi/verbs/certificate-revoked",
        {"en": "lost (revoked)", "fi": "menetti (peruttu)", "sv": "förlorade (återkallat)"},
    ),
}
TYPES = {
    "course": f"{ADL}/activities/course",
    "module": f"{ADL}/activities/module",
    "lesson": f"{ADL}/activities/lesson",
    "assessment": f"{ADL}/activities/assessment",
    "interaction": f"{ADL}/activities/cmi.interaction",
    "certificate": "http://id.tincanapi.com/activitytype/certificate",
}
CERTIFICATE_NAMES = {"en": "Certificate", "fi": "Todistus", "sv": "Intyg"}
RESPONSE_SEPARATOR = "[,]"
PLATFORM = "trainer"


def plain_text(markup: str) -> str:
    """Sanitised HTML as one line of text."""
    return re.sub(r"\s+", " ", html.unescape(nh3.clean(markup, tags=set()))).strip()


def timestamp(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(length: timedelta) -> str:
    return f"PT{max(length.total_seconds(), 0):.2f}S"


class StatementMaker:
    """Builds one learner's statements: the actor, this installation's address (BASE_URL,
    for activity ids) and the course in every language are fixed for the maker."""

    def __init__(self, base_url: str, courses: Catalogue, actor: dict[str, Any]) -> None:
        self.base = base_url.rstrip("/")
        self.courses = courses
        self.actor = actor

    # Activity ids ------------------------------------------------------------

    def _iri(self, *parts: str) -> str:
        return "/".join([self.base, "xapi", *(quote(part, safe="") for part in parts)])

    def course_id(self) -> str:
        return self._iri("course")

    def module_id(self, module_id: str) -> str:
        return self._iri("modules", module_id)

    def lesson_id(self, module_id: str, lesson_id: str) -> str:
        return self._iri("modules", module_id, "lessons", lesson_id)

    def quiz_id(self, module_id: str) -> str:
        return self._iri("modules", module_id, "quiz")

    def question_id(self, module_id: str, question_id: str) -> str:
        return self._iri("modules", module_id, "questions", question_id)

    def step_id(self, module_id: str, case_id: str, step_id: str) -> str:
        return self._iri("modules", module_id, "lessons", case_id, "steps", step_id)

    def certificate_id(self, certificate_id: int) -> str:
        return self._iri("certificates", str(certificate_id))

    # Activities ----------------------------------------------------------------

    def _each_language(self, text_of: Callable[[Course], str | None]) -> dict[str, str]:
        texts = {lang: text_of(course) for lang, course in self.courses.courses.items()}
        return {lang: text for lang, text in texts.items() if text}

    def _in_module(self, module_id: str, text_of: Callable[[Module], str | None]):
        def text(course: Course) -> str | None:
            module = course.module(module_id)
            return text_of(module) if module else None

        return self._each_language(text)

    @staticmethod
    def _activity(iri: str, kind: str, name: dict[str, str], **more: Any) -> dict[str, Any]:
        definition = {"type": TYPES[kind], "name": name, **more}
        return {"objectType": "Activity", "id": iri, "definition": definition}

    def course(self) -> dict[str, Any]:
        return self._activity(self.course_id(), "course", self._each_language(lambda c: c.title))

    def module(self, module_id: str) -> dict[str, Any]:
        name = self._in_module(module_id, lambda m: m.title)
        return self._activity(self.module_id(module_id), "module", name)

    def lesson(self, module_id: str, lesson_id: str) -> dict[str, Any]:
        def title(module: Module) -> str | None:
            lesson = module.lesson(lesson_id)
            return lesson.title if lesson else None

        name = self._in_module(module_id, title)
        return self._activity(self.lesson_id(module_id, lesson_id), "lesson", name)

    def quiz(self, module_id: str) -> dict[str, Any]:
        name = self._in_module(module_id, lambda m: m.title)
        return self._activity(self.quiz_id(module_id), "assessment", name)

    def _first(self, module_id: str, find: Callable[[Module], Any]) -> Any:
        """What `find` finds in the module in the course's first language, or None."""
        module = self.courses.module(self.courses.languages[0], module_id)
        return find(module) if module else None

    def question(self, module_id: str, question_id: str) -> dict[str, Any] | None:
        """The question as an interaction: its prompt, its options, and what is right;
        None if the course no longer has it."""

        def asked(module: Module) -> Question | None:
            return module.quiz.question(question_id)

        any_language = self._first(module_id, asked)
        if any_language is None:
            return None
        ordering = any_language.kind is QuestionKind.ORDERING
        choices = [
            {
                "id": str(option.id),
                "description": self._in_module(module_id, _option_text(question_id, option.id)),
            }
            for option in any_language.options
        ]
        return self._activity(
            self.question_id(module_id, question_id),
            "interaction",
            self._in_module(module_id, lambda m: _prompt(asked(m))),
            interactionType="sequencing" if ordering else "choice",
            correctResponsesPattern=[response(any_language.answer)],
            choices=choices,
        )

    def step(self, module_id: str, case_id: str, step_id: str) -> dict[str, Any] | None:
        """A step of a branching case as an interaction whose choices are its choices;
        None if the course no longer has it."""

        def found(module: Module) -> Step | None:
            lesson = module.lesson(case_id)
            return lesson.case.step(step_id) if lesson and lesson.case else None

        first = self._first(module_id, found)
        if first is None:
            return None

        def choice_text(number: int) -> Callable[[Module], str | None]:
            def text(module: Module) -> str | None:
                step = found(module)
                choice = step.choice(number) if step else None
                return plain_text(choice.html) if choice else None

            return text

        choices = [
            {"id": str(c.number), "description": self._in_module(module_id, choice_text(c.number))}
            for c in first.choices
        ]
        return self._activity(
            self.step_id(module_id, case_id, step_id),
            "interaction",
            self._in_module(module_id, lambda m: s.title if (s := found(m)) else None),
            interactionType="choice",
            choices=choices,
        )

    def certificate(self, certificate_id: int) -> dict[str, Any]:
        names = self._each_language(
            lambda c: f"{CERTIFICATE_NAMES.get(c.language, CERTIFICATE_NAMES['en'])}: {c.title}"
        )
        return self._activity(self.certificate_id(certificate_id), "certificate", names)

    # Statements ----------------------------------------------------------------

    def _verb(self, name: str) -> dict[str, Any]:
        iri, display = VERBS[name]
        return {"id": iri.format(base=self.base), "display": display}

    def statement(
        self,
        verb: str,
        activity: dict[str, Any],
        at: datetime,
        *,
        language: str | None = None,
        parents: tuple[dict[str, Any], ...] = (),
        result: dict[str, Any] | None = None,
        registration: str | None = None,
    ) -> dict[str, Any]:
        context: dict[str, Any] = {"platform": PLATFORM}
        if language:
            context["language"] = language
        if registration:
            context["registration"] = registration
        grouping = [self._bare(self.course())] if activity["id"] != self.course_id() else []
        activities = {"parent": [self._bare(p) for p in parents], "grouping": grouping}
        context["contextActivities"] = {key: value for key, value in activities.items() if value}
        made = {
            "id": str(uuid.uuid4()),
            "actor": self.actor,
            "verb": self._verb(verb),
            "object": activity,
            "context": context,
            "timestamp": timestamp(at),
        }
        if result is not None:
            made["result"] = result
        return made

    @staticmethod
    def _bare(activity: dict[str, Any]) -> dict[str, Any]:
        """An activity as context names it: its id and type, without the texts."""
        return {
            "objectType": "Activity",
            "id": activity["id"],
            "definition": {"type": activity["definition"]["type"]},
        }

    def registration(self, *parts: object) -> str:
        """One id for the statements of one attempt or one run through a case."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self._iri(*(str(p) for p in parts))))


def response(ids: tuple[int, ...] | list[int]) -> str:
    return RESPONSE_SEPARATOR.join(str(i) for i in ids)


def score(percent: float) -> dict[str, float]:
    return {"scaled": round(percent / 100, 4), "raw": percent, "min": 0, "max": 100}


def _prompt(question: Question | None) -> str | None:
    return plain_text(question.prompt_html) if question else None


def _option_text(question_id: str, option_id: int) -> Callable[[Module], str | None]:
    def text(module: Module) -> str | None:
        question = module.quiz.question(question_id)
        option = question.option(option_id) if question else None
        return plain_text(option.html) if option else None

    return text
