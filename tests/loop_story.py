"""The engagement both loop tests tell: ``test_loop.py`` without a browser,
``test_loop_tour.py`` through the web client. Its figures, and the master data
an implementer would have set up before the story starts."""

from odoo import Command

DAY_RATE = 1000.0
DAYS = 12
CONTRACT_VALUE = DAYS * DAY_RATE
FIRST, INTERIM, FINAL = 0.3, 0.4, 0.3  # the three payment milestones
HOURLY_COST = 50.0
HOURS = 8.0
LABOUR = HOURS * HOURLY_COST
TAXI = 120.0  # the consultant's expense claim


def create_engagement(env):
    """The service sold (strategy days at ``DAY_RATE``, no tax), its project
    type and WBS template (two tasks of 16 and 8 hours, a confidential final
    report due at closing), and a taxi the consultant can claim as travel.
    Returns ``(project_type, service, taxi)``."""
    template = env["ps.wbs.template"].create(
        {
            "name": "Loop engagement",
            "node_ids": [
                Command.create({"name": "Diagnostic", "planned_hours": 16.0}),
                Command.create({"name": "Recommendations", "planned_hours": 8.0}),
            ],
            "deliverable_ids": [
                Command.create(
                    {"name": "Final report", "phase": "closing", "confidentiality": "confidential"}
                ),
            ],
        }
    )
    project_type = env["ps.project.type"].create(
        {"name": "Loop consulting", "code": "LOOP", "wbs_template_id": template.id}
    )
    service = env["product.product"].create(
        {
            "name": "Loop strategy day",
            "type": "service",
            "list_price": DAY_RATE,
            "taxes_id": [Command.clear()],
            "ps_project_type_id": project_type.id,
        }
    )
    taxi = env["product.product"].create(
        {
            "name": "Loop taxi",
            "can_be_expensed": True,
            "standard_price": 0.0,
            "supplier_taxes_id": [Command.clear()],
            "ps_cost_category_id": env.ref("ps_expense_finance.ps_cost_category_travel").id,
        }
    )
    return project_type, service, taxi


def create_consultant(env, user):
    """The employee of ``user``, at ``HOURLY_COST``."""
    return env["hr.employee"].create(
        {
            "name": user.name,
            "user_id": user.id,
            "work_contact_id": user.partner_id.id,
            "hourly_cost": HOURLY_COST,
        }
    )


def project_pnl(env, project):
    """The project's P&L row as the database has it now."""
    env.flush_all()
    pnl = env["ps.project.pnl"].browse(project.id)
    pnl.invalidate_recordset()
    return pnl
