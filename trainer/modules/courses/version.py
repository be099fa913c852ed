"""A module's content version: a hash of everything grading depends on.

It changes when a question is added, removed or retyped, when options are added
or removed or the right ones change, or when the pass mark or draw changes; it
does not change for wording, feedback, explanations or lesson text. It is the
same in every language, because parity makes all of those the same.
"""

import hashlib
import json

from trainer.modules.courses.parse import ModuleSource


def content_version(module: ModuleSource) -> str:
    questions = sorted(
        (q.id, q.kind.value, len(q.options), list(q.answer)) for q in module.questions
    )
    graded = {
        "module": module.id,
        "pass_mark": module.pass_mark,
        "draw": module.draw,
        "questions": questions,
    }
    canonical = json.dumps(graded, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
