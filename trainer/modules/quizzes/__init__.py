"""Quizzes: question types, attempts, grading, review."""

from flask import Blueprint

blueprint = Blueprint("quizzes", __name__, template_folder="templates")

from trainer.modules.quizzes import views  # noqa: E402, F401
