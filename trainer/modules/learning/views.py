"""The course page, module pages and lessons."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from trainer.core.database import read_only
from trainer.extensions import db
from trainer.modules.courses import Lesson, Module, current_course, module_or_404
from trainer.modules.learning import blueprint, operations
from trainer.modules.learning.case_path import case_path
from trainer.modules.learning.progress import course_progress, lesson_is_done
from trainer.modules.quizzes.signals import landing


@blueprint.get("/learn")
@read_only
@login_required
def course():
    this_course = current_course()
    progress = course_progress(current_user.id, this_course)
    return render_template(
        "learning/course.html",
        course=this_course,
        progress=progress,
        next_module=progress.continue_with(),
    )


@blueprint.get("/learn/<module_id>")
@read_only
@login_required
def module(module_id: str):
    this_module = module_or_404(module_id)
    progress = course_progress(current_user.id, current_course()).of(this_module.id)
    return render_template("learning/module.html", module=this_module, progress=progress)


@blueprint.get("/learn/<module_id>/<lesson_id>")
@read_only
@login_required
def lesson(module_id: str, lesson_id: str):
    this_module = module_or_404(module_id)
    this_lesson = this_module.lesson(lesson_id) or abort(404)
    index = this_module.lessons.index(this_lesson)
    lessons = this_module.lessons
    page = {
        "module": this_module,
        "lesson": this_lesson,
        "number": index + 1,
        "previous": lessons[index - 1] if index > 0 else None,
        "following": lessons[index + 1] if index + 1 < len(lessons) else None,
        "is_done": lesson_is_done(current_user.id, this_module.id, this_lesson.id),
    }
    if this_lesson.case is None:
        return render_template("learning/lesson.html", **page)
    path = case_path(current_user.id, this_module.id, this_lesson.id, this_lesson.case)
    again = request.args.get("again") == "1"
    return render_template("learning/case.html", path=path, again=again, **page)


@blueprint.post("/learn/<module_id>/<lesson_id>/choose")
@login_required
def choose(module_id: str, lesson_id: str):
    """Record a choice in a branching case, then show where it led."""
    this_module = module_or_404(module_id)
    this_lesson = this_module.lesson(lesson_id) or abort(404)
    if this_lesson.case is None:
        abort(404)
    number = request.form.get("choice", "")
    step_id = request.form.get("step", "")
    if number.isascii() and number.isdigit() and len(number) <= 3:
        again = request.form.get("again") == "1"
        operations.choose_in_case(
            current_user.id, module_id, this_lesson, step_id, int(number), again=again
        )
        operations.complete_course_if_done(current_user.id, current_course())
        db.session.commit()
    url = url_for("learning.lesson", module_id=module_id, lesson_id=lesson_id)
    return redirect(url + "#current-step")


@blueprint.post("/learn/<module_id>/<lesson_id>/done")
@login_required
def lesson_done(module_id: str, lesson_id: str):
    """Mark the lesson read, then go on: to the next lesson, the quiz, or stay; to the
    completion page when it was the last thing left in the course."""
    this_module = module_or_404(module_id)
    this_lesson = this_module.lesson(lesson_id) or abort(404)
    if this_lesson.case is None:  # a case is read when the learner reaches an ending
        operations.mark_lesson_done(current_user.id, this_module.id, this_lesson.id)
        operations.complete_course_if_done(current_user.id, current_course())
        db.session.commit()
    return redirect(landing(_after_reading(this_module, this_lesson)))


def _after_reading(module: Module, lesson: Lesson) -> str:
    """The lesson again (`then=stay`), the next lesson, or after the last one the quiz."""
    index = module.lessons.index(lesson)
    if request.form.get("then") == "stay":
        return url_for("learning.lesson", module_id=module.id, lesson_id=lesson.id)
    if index + 1 < len(module.lessons):
        following = module.lessons[index + 1]
        return url_for("learning.lesson", module_id=module.id, lesson_id=following.id)
    return url_for("quizzes.quiz", module_id=module.id)
