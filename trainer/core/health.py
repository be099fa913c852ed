"""GET /healthz: for load balancers and monitoring; proves a database round trip."""

from flask import Blueprint

from trainer.core.database import database_is_up

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    if database_is_up():
        return {"status": "ok", "database": "ok"}, 200
    return {"status": "unavailable", "database": "unreachable"}, 503
