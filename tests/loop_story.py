"""The engagement both loop tests tell: ``test_loop.py`` without a browser,
``test_loop_tour.py`` through the web client. Its figures, and the master data
an implementer would have set up before the story starts."""

from odoo import Command

DAY_RATE = 1000.0
DAY_COST = 400.0  # what a strategy day costs the firm: the budget's labour estimate
DAYS = 12
CONTRACT_VALUE = DAYS * DAY_RATE
FIRST, INTERIM, FINAL = 0.3, 0.4, 0.3  # the three payment milestones
HOURLY_COST = 50.0
HOURS = 8.0
LABOUR = HOURS * HOURLY_COST
TAXI = 120.0  # the consultant's expense claim
# The manager's budget: the labour seeded from the contract at hand-over
# (DAYS at DAY_COST), travel and materials added before it is submitted.
BUDGET_LABOUR = DAYS * DAY_COST
BUDGET_TRAVEL = 500.0
BUDGET_MATERIALS = 500.0


# The approval rules the suite ships (data, noupdate) per decision point, and
# the group that decides the point when an implementer removed every rule.
SHIPPED_RULES = {
    "ps.project.gate": (
        [
            "ps_project_wbs.tier_definition_gate_initiation_pmo",
            "ps_project_wbs.tier_definition_gate_plan_pmo",
            "ps_project_wbs.tier_definition_gate_change_pmo",
            "ps_project_wbs.tier_definition_gate_closure_pmo",
            "ps_project_wbs.tier_definition_gate_quality_pmo",
        ],
        "project.group_project_manager",
    ),
    "ps.lead.gate.passage": (
        ["ps_crm.tier_definition_deal_gate_director"],
        "sales_team.group_sale_manager",
    ),
    "ps.contract": (
        [
            "ps_contract.tier_definition_contract_director",
            "ps_dashboard.tier_definition_contract_large_ceo",
            "ps_dashboard.tier_definition_contract_discount_ceo",
        ],
        "sales_team.group_sale_manager",
    ),
    "ps.contract.amendment": (
        ["ps_contract.tier_definition_amendment_director"],
        "sales_team.group_sale_manager",
    ),
    "ps.invoice.request": (
        ["ps_contract.tier_definition_invoice_request_finance"],
        "ps_contract.group_ps_finance",
    ),
    "ps.project.budget": (
        ["ps_expense_finance.tier_definition_budget_pmo"],
        "project.group_project_manager",
    ),
    "ps.payment.request": (
        [
            "ps_expense_finance.tier_definition_payment_request_finance",
            "ps_expense_finance.tier_definition_payment_request_over_budget",
        ],
        "ps_contract.group_ps_finance",
    ),
}


def keep_only_shipped_rules(env):
    """Archive the approval rules the demo data added (they name demo records):
    the story runs with the rules a client gets on installation."""
    shipped = [env.ref(xmlid).id for xmlids, _group in SHIPPED_RULES.values() for xmlid in xmlids]
    shipped.append(env.ref("ps_expense_finance.tier_definition_expense_over_budget").id)
    env["tier.definition"].search([("id", "not in", shipped)]).active = False


def create_engagement(env):
    """The service sold (strategy days at ``DAY_RATE``, costing ``DAY_COST``, no tax), its project
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
            "standard_price": DAY_COST,
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
