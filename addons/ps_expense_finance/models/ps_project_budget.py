from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_is_zero

from odoo.addons.ps_project_wbs.models.ps_spec import PHASES

BUDGET_STATES = [
    ("draft", "Draft"),
    ("submitted", "To Approve"),
    ("approved", "Approved"),
    ("superseded", "Superseded"),
    ("cancel", "Rejected"),
]
# What an approved or superseded budget may still change: the chatter.
FREE_FIELDS = {"message_main_attachment_id", "activity_ids", "message_follower_ids"}


class PsProjectBudget(models.Model):
    """One version of a project's budget: cost by category (and optionally by
    phase) and the expected revenue.

    Draft → to approve (OCA tier validation, reviewers set per project type by
    the implementer) → approved. Approving a version supersedes the previous
    one, which stays readable; an approved version never changes: a new version
    is made instead (by hand, or by an approved budget change request).
    """

    _name = "ps.project.budget"
    _description = "Project Budget"
    _inherit = ["ps.finance.request", "mail.thread", "mail.activity.mixin"]
    _ps_decider_group = "project.group_project_manager"
    _order = "project_id, version desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        readonly=True,
        domain="[('account_id', '!=', False)]",
    )
    project_type_id = fields.Many2one(
        related="project_id.ps_project_type_id", store=True, string="Project Type"
    )
    user_id = fields.Many2one(related="project_id.user_id", store=True, string="Project Manager")
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    version = fields.Integer(readonly=True, default=1, copy=False)
    state = fields.Selection(
        BUDGET_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    line_ids = fields.One2many("ps.project.budget.line", "budget_id", string="Budget Lines")
    amount_total = fields.Monetary(
        string="Cost Budget", compute="_compute_amount_total", store=True, tracking=True
    )
    revenue_amount = fields.Monetary(
        string="Revenue Budget",
        compute="_compute_revenue_amount",
        store=True,
        readonly=False,
        tracking=True,
        help="Expected revenue: by default the untaxed value of the project's signed contracts.",
    )
    note = fields.Text(string="Reason")
    gate_id = fields.Many2one(
        "ps.project.gate",
        string="Change Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The approved budget change request this version was made for.",
    )
    previous_id = fields.Many2one(
        "ps.project.budget", string="Previous Version", readonly=True, copy=False
    )
    date_approved = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "version_uniq",
            "unique(project_id, version)",
            "This project already has a budget with this version number.",
        ),
    ]

    @api.depends("project_id.name", "version")
    def _compute_name(self):
        for budget in self:
            budget.name = f"{budget.project_id.name or ''} v{budget.version}"

    @api.depends("project_id.company_id")
    def _compute_company_id(self):
        for budget in self:
            budget.company_id = budget.project_id.company_id or self.env.company

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for budget in self:
            budget.amount_total = sum(budget.line_ids.mapped("amount"))

    @api.depends("project_id")
    def _compute_revenue_amount(self):
        contracts = (
            self.env["ps.contract"]
            .sudo()
            ._read_group(
                [
                    ("project_id", "in", self.project_id.ids),
                    ("state", "in", ("signed", "execution", "closed")),
                ],
                ["project_id"],
                ["amount_untaxed:sum"],
            )
        )
        by_project = dict(contracts)
        for budget in self:
            if not budget.revenue_amount:
                budget.revenue_amount = by_project.get(budget.project_id, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" and not self.env.su:
                raise UserError(self.env._("A new budget version starts as a draft."))
            project = self.env["project.project"].browse(vals.get("project_id"))
            if not project.account_id:
                raise UserError(
                    self.env._(
                        "Project %(project)s has no analytic account: enable timesheets or "
                        "set its analytic account before budgeting it.",
                        project=project.name,
                    )
                )
            if "version" not in vals:
                last = self.sudo().search(
                    [("project_id", "=", project.id)], order="version desc", limit=1
                )
                vals["version"] = last.version + 1
        budgets = super().create(vals_list)
        budgets.project_id._ps_check_manager(self.env._("prepare budgets"))
        return budgets

    def write(self, vals):
        if not self._ps_is_internal() and set(vals) - FREE_FIELDS:
            if "state" in vals:
                raise UserError(
                    self.env._(
                        "The state of a budget changes through its buttons, not by editing it."
                    )
                )
            locked = self.filtered(lambda b: b.state not in ("draft", "cancel"))
            if locked:
                raise UserError(
                    self.env._(
                        "Budget %(name)s is %(state)s: it cannot change. Make a new version "
                        "(New Version button) instead.",
                        name=locked[0].name,
                        state=dict(BUDGET_STATES)[locked[0].state],
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        for budget in self:
            if budget.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Budget %(name)s was submitted or approved: it is kept for the "
                        "record and cannot be deleted.",
                        name=budget.name,
                    )
                )

    def action_submit(self):
        """Send the budget to its reviewers (the PMO, where no rule applies)."""
        for budget in self:
            budget.project_id._ps_check_manager(self.env._("submit budgets"))
            if budget.state != "draft":
                raise UserError(self.env._("Budget %(name)s is not a draft.", name=budget.name))
            if not budget.line_ids:
                raise UserError(
                    self.env._(
                        "Budget %(name)s has no lines: add the cost budget of at least one "
                        "category.",
                        name=budget.name,
                    )
                )
            if float_is_zero(budget.amount_total, precision_rounding=budget.currency_id.rounding):
                raise UserError(
                    self.env._(
                        "Budget %(name)s adds up to nothing: enter the cost budget of its "
                        "categories before submitting it.",
                        name=budget.name,
                    )
                )
            budget._ps_submit_for_review()
        return True

    def action_new_version(self):
        """Make a draft copy of this budget to revise it."""
        self.ensure_one()
        if self.state not in ("approved", "superseded"):
            raise UserError(self.env._("Only an approved budget is revised by a new version."))
        new = self.copy(
            {
                "previous_id": self.id,
                "revenue_amount": self.revenue_amount,
                "line_ids": [
                    Command.create(
                        {
                            "category_id": line.category_id.id,
                            "phase": line.phase,
                            "amount": line.amount,
                        }
                    )
                    for line in self.line_ids
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_draft(self):
        """Back to draft after a rejection."""
        for budget in self.filtered(lambda b: b.state == "cancel"):
            budget.project_id._ps_check_manager(self.env._("revise budgets"))
            budget.review_ids.sudo().unlink()
            budget._ps_internal().write({"state": "draft"})
        return True

    def _ps_approve(self):
        for budget in self:
            current = self.search(
                [
                    ("project_id", "=", budget.project_id.id),
                    ("state", "=", "approved"),
                    ("id", "!=", budget.id),
                ]
            )
            current._ps_internal().write({"state": "superseded"})
            budget._ps_internal().write(
                {"state": "approved", "date_approved": fields.Datetime.now()}
            )
        self.project_id._ps_check_budget_overrun()

    def _ps_check_editable(self):
        if self._ps_is_internal():
            return
        locked = self.filtered(lambda b: b.state not in ("draft", "cancel"))
        if locked:
            raise UserError(
                self.env._(
                    "Budget %(name)s is %(state)s: its lines cannot change. Make a new "
                    "version instead.",
                    name=locked[0].name,
                    state=dict(BUDGET_STATES)[locked[0].state],
                )
            )


class PsProjectBudgetLine(models.Model):
    """Cost budget of one category (optionally for one phase) in a budget version."""

    _name = "ps.project.budget.line"
    _description = "Project Budget Line"
    _order = "budget_id, sequence, id"

    budget_id = fields.Many2one("ps.project.budget", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(related="category_id.sequence", store=True)
    project_id = fields.Many2one(related="budget_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="budget_id.company_id", store=True)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    state = fields.Selection(related="budget_id.state", store=True)
    category_id = fields.Many2one(
        "ps.cost.category", required=True, ondelete="restrict", index=True
    )
    phase = fields.Selection(PHASES, help="Leave empty for the whole project.")
    amount = fields.Monetary(required=True)

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The budget of %(category)s cannot be negative.",
                        category=line.category_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.budget_id._ps_check_editable()
        return lines

    def write(self, vals):
        self.budget_id._ps_check_editable()
        return super().write(vals)

    def unlink(self):
        self.budget_id._ps_check_editable()
        return super().unlink()
